"""The demo's forwarding submission (tờ trình 46/TTr-VKS) of the lines the council approved for titles the Supreme
Procuracy confers, with the candidates' achievement reports uploaded, so the submission's page shows the dossier's
checklist (issue 16). The dossier itself is assembled from the page: it needs the
submission's PDF and the minutes, generated in the background."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards.enums import DecisionKind, LineState
from awards.models import CouncilMeeting, Decision, ProposalLine
from awards.services.achievement import achievement_report_of, achievement_report_upload
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import review_accept, review_override
from movements.models import YearPlan
from units.enums import Role
from units.models import Unit, User


def _report(line: ProposalLine) -> SimpleUploadedFile:
    from docx import Document  # python-docx is slow to import; only the demo's seeding needs it here

    document = Document()
    document.add_heading("BÁO CÁO THÀNH TÍCH", level=1)
    document.add_paragraph(f"Họ và tên: {line.subject_name}")
    document.add_paragraph(f"Đơn vị: {line.proposal.unit.name}")
    document.add_paragraph(f"Đề nghị: {line.title.name} năm {line.proposal.year_plan.year}")
    document.add_paragraph(line.achievements)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("bao-cao-thanh-tich.docx", out.getvalue())


def _approve_higher_lines(province: Unit, plan: YearPlan, secretariat) -> None:
    """The submitted lines for titles a higher level confers (Chiến sĩ thi đua ngành) go through review and a
    second council meeting on 24/12/2018, with the members of the first: the secretariat's written opinion on the
    checks no data can answer, then the vote."""
    waiting = [
        line
        for line in ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.SUBMITTED)
        .select_related("title", "proposal__unit", "staff")
        .order_by("pk")
        if not line.title.conferred_in_province
    ]
    first = CouncilMeeting.objects.filter(year_plan=plan).order_by("held_at").first()
    if not waiting or first is None:
        return
    for line in waiting:
        review_override(line=line, actor=secretariat, reason="Thường trực đã kiểm tra bản xác nhận sáng kiến cấp ngành")
        review_accept(line=line, actor=secretariat)
    members = list(first.members.select_related("staff"))
    meeting = meeting_create(
        year_plan=plan,
        actor=secretariat,
        held_at=timezone.make_aware(datetime.datetime(2018, 12, 24, 8)),
        members=[(member.staff, member.role, True) for member in members],
        location=first.location,
        chair=first.chair,
        secretary=first.secretary,
    )
    accepted = list(ProposalLine.objects.filter(pk__in=[line.pk for line in waiting], state=LineState.ACCEPTED))
    for item in agenda_add(meeting=meeting, lines=accepted, actor=secretariat):
        line = item.line
        voting = [m for m in members if m.staff.unit_id != line.proposal.unit_id and m.staff_id != line.staff_id]
        tally_record(item=item, actor=secretariat, yes=len(voting), no=0, blank=0)


def seed_dossier(province: Unit, plan: YearPlan) -> Decision | None:
    """Once: the submission of the approved lines no provincial decision can confer, issued on 26/12/2018, with
    the candidates' achievement reports uploaded before it (the dossier's checklist then asks for the PDFs)."""
    existing = Decision.objects.filter(year_plan=plan, kind=DecisionKind.FORWARDING).first()
    if existing is not None:
        return existing
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    if secretariat is None:
        return None
    _approve_higher_lines(province, plan, secretariat)
    higher = [
        line
        for line in ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.APPROVED)
        .select_related("title", "proposal__unit", "proposal__year_plan", "staff")
        .order_by("proposal__unit__display_order", "staff__sort_key", "pk")
        if not line.title.conferred_in_province
    ]
    if not higher:
        return None
    for line in higher:
        if achievement_report_of(line) is None:
            achievement_report_upload(line=line, upload=_report(line), actor=secretariat)
    submission = decision_create(
        year_plan=plan,
        kind=DecisionKind.FORWARDING,
        lines=higher,
        actor=secretariat,
        subject="Đề nghị Viện trưởng Viện kiểm sát nhân dân tối cao khen thưởng năm 2018",
        issuer="Viện kiểm sát nhân dân tỉnh Thái Bình",
    )
    decision_issue(decision=submission, actor=secretariat, number="46/TTr-VKS", issued_on=datetime.date(2018, 12, 26))
    return submission
