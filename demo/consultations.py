"""The demo's public consultation (lấy ý kiến, domain-rules.md §3.3). The 2018 proposals name no award that needs
one, so Đông Hưng's head is proposed for Huân chương Lao động hạng Ba (an ad hoc proposal of 21/12/2018), the
council approves it at a second meeting (27/12/2018) and the secretariat drafts its own forwarding submission;
the candidate is published from 27/12/2018 to 05/01/2019, an officer of Hưng Hà comments, the secretariat answers
and closes the consultation on 06/01/2019 and the submission is issued as 47/TTr-VKS on 07/01/2019.

Everything goes through the services; the rows and audit entries of the consultation are then put on the days of
the story (the services stamp the moment they run, like ``demo.timestamps``)."""

import datetime

from django.contrib.contenttypes.models import ContentType

from awards.enums import DecisionKind, LineState, Outcome, ProposalKind
from awards.models import (
    AgendaItem,
    Consultation,
    ConsultationComment,
    CouncilMeeting,
    Decision,
    ProposalLine,
    Verdict,
)
from awards.services.consultations import (
    consultation_answer,
    consultation_close,
    consultation_comment,
    consultation_lines,
    consultation_open,
)
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import review_accept, review_override, verdicts_refresh
from awards.services.proposals import line_add, proposal_create, proposal_submit
from demo.timestamps import _at
from movements.models import Title, YearPlan
from units.enums import Role
from units.models import AuditEntry, Notification, Staff, Unit, User

OPENS, CLOSES = (12, 27), (1, 5)
ACHIEVEMENTS = (
    "Có quá trình cống hiến trong ngành Kiểm sát nhân dân; 05 năm liên tục (2014–2018) hoàn thành xuất sắc nhiệm "
    "vụ, được tặng Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao năm 2016 và danh hiệu Chiến sĩ thi đua "
    "cơ sở các năm 2016, 2017, 2018; lãnh đạo đơn vị hoàn thành xuất sắc chỉ tiêu công tác kiểm sát."
)


def _day(plan: YearPlan, month_day: tuple[int, int], hour: int = 9) -> datetime.datetime:
    month, day = month_day
    return _at(plan.year + (1 if month < 12 else 0), month, day, hour)


def _candidate_line(province: Unit, plan: YearPlan, secretariat: User) -> ProposalLine | None:
    """Đông Hưng's head proposed for Huân chương Lao động hạng Ba, through the review and a council vote."""
    unit = Unit.objects.filter(province=province, code="tb-dong-hung").first()
    if unit is None:
        return None
    person = (
        Staff.objects.filter(unit=unit, is_active=True, position="Viện trưởng").first()
        or Staff.objects.filter(unit=unit, is_active=True).order_by("sort_key").first()
    )
    officer = unit.officers.first()
    if person is None or officer is None:
        return None
    proposal = proposal_create(unit=unit, year_plan=plan, kind=ProposalKind.AD_HOC, actor=officer)
    line = line_add(
        proposal=proposal, actor=officer, title=Title.objects.get(code="HCLD3"), staff=person, achievements=ACHIEVEMENTS
    )
    proposal_submit(proposal=proposal, actor=officer, now=_day(plan, (12, 21)))
    verdicts_refresh(province, plan.year)
    verdict = Verdict.objects.get(line=line)
    if verdict.outcome == Outcome.FAIL:
        return None
    if verdict.outcome == Outcome.REVIEW:
        review_override(
            line=line,
            actor=secretariat,
            reason="Thường trực Hội đồng đã kiểm tra quá trình cống hiến và thành tích theo Luật TĐKT 2022 Điều 45.",
        )
    review_accept(line=line, actor=secretariat)
    line.refresh_from_db()
    first = CouncilMeeting.objects.filter(year_plan=plan).order_by("held_at").first()
    if first is None:
        return None
    members = [(m.staff, m.role, m.present) for m in first.members.select_related("staff__unit")]
    meeting = meeting_create(
        year_plan=plan,
        actor=secretariat,
        held_at=_day(plan, (12, 27), 8),
        members=members,
        location=first.location,
        chair=first.chair,
        secretary=first.secretary,
    )
    (item,) = agenda_add(meeting=meeting, lines=[line], actor=secretariat)
    item = AgendaItem.objects.select_related("line__proposal").get(pk=item.pk)
    voting = [m for m in meeting.members.select_related("staff") if m.staff.unit_id != unit.pk]
    present = sum(1 for m in voting if m.present)
    tally_record(
        item=item, actor=secretariat, yes=present, no=0, blank=0, written_yes=sum(1 for m in voting if not m.present)
    )
    line.refresh_from_db()
    return line if line.state == LineState.APPROVED else None


def _settle(consultation: Consultation, plan: YearPlan) -> None:
    """The consultation's rows, notices and audit entries on the days of the story."""
    opened, closed = _day(plan, OPENS, 8), _day(plan, (1, 6), 8)
    Consultation.objects.filter(pk=consultation.pk).update(created_at=opened, updated_at=closed)
    kind = ContentType.objects.get_for_model(Consultation)
    entries = AuditEntry.objects.filter(content_type=kind, object_id=consultation.pk)
    entries.filter(action="consultation.open").update(created_at=opened)
    entries.filter(action="consultation.closed").update(created_at=closed)
    for comment in ConsultationComment.objects.filter(consultation=consultation):
        entries.filter(action="consultation.comment", data__comment=comment.pk).update(created_at=comment.created_at)
        entries.filter(action="consultation.answer", data__comment=comment.pk).update(created_at=comment.answered_at)
        Notification.objects.filter(key__startswith=f"consultation:{consultation.pk}:comment:{comment.pk}:").update(
            created_at=comment.created_at
        )
        Notification.objects.filter(key__startswith=f"consultation:{consultation.pk}:answer:{comment.pk}:").update(
            created_at=comment.answered_at
        )
    Notification.objects.filter(key__startswith=f"consultation:{consultation.pk}:open:").update(created_at=opened)


def seed_consultation(province: Unit, plan: YearPlan) -> Consultation | None:
    """Once: the consultation on the year's Huân chương candidate, with a comment and its answer, closed."""
    existing = Consultation.objects.filter(decision__year_plan=plan).first()
    if existing is not None:
        return existing
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    if secretariat is None:
        return None
    submission = next(
        (
            decision
            for decision in Decision.objects.filter(year_plan=plan, kind=DecisionKind.FORWARDING)
            if consultation_lines(decision)
        ),
        None,
    )
    if submission is None:
        line = _candidate_line(province, plan, secretariat)
        if line is None:
            return None
        submission = decision_create(
            year_plan=plan,
            kind=DecisionKind.FORWARDING,
            lines=[line],
            actor=secretariat,
            subject="Đề nghị Chủ tịch nước tặng thưởng Huân chương Lao động hạng Ba",
            issuer="Viện kiểm sát nhân dân tỉnh Thái Bình",
        )
    line = consultation_lines(submission)[0]
    consultation = consultation_open(
        submission,
        _day(plan, OPENS).date(),
        _day(plan, CLOSES).date(),
        "Thường trực Hội đồng Thi đua, Khen thưởng Viện kiểm sát nhân dân tỉnh Thái Bình lấy ý kiến cán bộ, công "
        "chức trong tỉnh đối với trường hợp đề nghị khen thưởng Huân chương Lao động hạng Ba. Ý kiến gửi trên trang "
        "này đến hết ngày 05/01/2019.",
        secretariat,
        now=_day(plan, OPENS, 8),
    )
    commenter = (
        User.objects.filter(role=Role.OFFICER, unit__province=province, unit__code="tb-hung-ha").first()
        or User.objects.filter(role=Role.OFFICER, unit__province=province).exclude(unit=line.proposal.unit).first()
    )
    if commenter is not None:
        comment = consultation_comment(
            consultation,
            commenter,
            "Đề nghị làm rõ thời gian giữ chức vụ Viện trưởng và các hình thức khen thưởng đã nhận trong 05 năm gần "
            "nhất để hồ sơ đủ căn cứ.",
            line=line,
            now=_day(plan, (12, 28), 10),
        )
        consultation_answer(
            comment,
            "Đồng chí giữ chức vụ Viện trưởng từ năm 2012; đã được tặng Bằng khen của Viện trưởng Viện kiểm sát "
            "nhân dân tối cao năm 2016 và Chiến sĩ thi đua cơ sở các năm 2016–2018. Hồ sơ đã bổ sung các quyết "
            "định khen thưởng.",
            secretariat,
            now=_day(plan, (1, 3), 14),
        )
    consultation_close(consultation, secretariat, now=_day(plan, (1, 6), 8))
    if submission.number == "":
        decision_issue(decision=submission, actor=secretariat, number="47/TTr-VKS", issued_on=_day(plan, (1, 7)).date())
    _settle(consultation, plan)
    return consultation
