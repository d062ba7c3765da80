"""The demo's award cycle for 2018: past awards (2015–2017), year-end proposals of most units, the secretariat's
review, a council meeting partly counted, and a decision, all through the services."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.enums import LineState, Outcome, ProposalKind
from awards.models import AwardRecord, CouncilMeeting, Decision, Proposal, ProposalLine
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import award_history_record, decision_create, decision_issue
from awards.services.lines import review_accept, verdicts_refresh
from awards.services.proposals import line_add, proposal_create, proposal_submit
from awards.services.records import initiative_create
from movements.models import Title, YearPlan
from registrations.enums import RegistrationState
from registrations.models import RegistrationLine
from units.enums import Role
from units.models import Staff, Unit, User


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_award_history(province: Unit, plan: YearPlan) -> None:
    """Past awards so that 2018's streaks can be judged: people registered for Chiến sĩ thi đua ngành have
    CSTĐ cơ sở in 2016 and 2017 (one in three with a gap), most people were Lao động tiên tiến in 2017."""
    if AwardRecord.objects.filter(unit__province=province).exists():
        return
    titles = {t.code: t for t in Title.objects.all()}
    registered = RegistrationLine.objects.filter(
        registration__year_plan=plan, registration__state=RegistrationState.SUBMITTED, staff__isnull=False
    ).select_related("staff", "title")
    for index, line in enumerate(registered):
        person = line.staff
        if line.title and line.title.code == "CSTD_NGANH":
            years = (2015, 2017) if index % 3 == 0 else (2016, 2017)
            for year in years:
                award_history_record(
                    title=titles["CSTDCS"],
                    year=year,
                    staff=person,
                    actor=None,
                    decision_number=f"{3 + year % 10:02d}/QĐ-VKS",
                    decision_date=datetime.date(year, 12, 28),
                    was_leader=person.is_leader,  # the demo's people held their positions then
                )
        elif index % 5:
            award_history_record(
                title=titles["LDTT"],
                year=2017,
                staff=person,
                actor=None,
                decision_number="05/QĐ-VKS",
                decision_date=datetime.date(2017, 12, 28),
                was_leader=person.is_leader,
            )


def seed_proposals(province: Unit, plan: YearPlan) -> None:
    """Each unit whose 2018 registration was submitted proposes what it registered."""
    if Proposal.objects.filter(year_plan=plan).exists():
        return
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    titles = {t.code: t for t in Title.objects.all()}
    registrations = (
        RegistrationLine.objects.filter(
            registration__year_plan=plan, registration__state=RegistrationState.SUBMITTED, title__isnull=False
        )
        .select_related("registration__unit", "staff", "title")
        .order_by("registration__unit__display_order")
    )
    by_unit: dict[Unit, list[RegistrationLine]] = {}
    for line in registrations:
        by_unit.setdefault(line.registration.unit, []).append(line)
    for unit, lines in by_unit.items():
        actor = unit.officers.first() or secretariat
        proposal = proposal_create(unit=unit, year_plan=plan, kind=ProposalKind.YEAR_END, actor=actor)
        for reg in lines:
            initiatives = []
            if reg.title.code in ("CSTDCS", "CSTD_NGANH") and reg.staff:
                level = "sector" if reg.title.code == "CSTD_NGANH" else "unit"
                initiatives = [
                    initiative_create(
                        unit=unit,
                        actor=actor,
                        authors=[reg.staff],
                        year=2018,
                        recognition_level=level,
                        title=f"Giải pháp nâng cao chất lượng công tác kiểm sát của {reg.staff.full_name}",
                        decision_number="21/QĐ-VKSTC" if level == "sector" else "15/QĐ-VKS",
                        decision_date=datetime.date(2018, 11, 5),
                    )
                ]
                if reg.title.code == "CSTD_NGANH":  # also proposed for the base title of the same cycle
                    base = initiative_create(
                        unit=unit,
                        actor=actor,
                        authors=[reg.staff],
                        year=2018,
                        recognition_level="unit",
                        title=f"Sáng kiến cấp cơ sở của {reg.staff.full_name}",
                        decision_number="15/QĐ-VKS",
                        decision_date=datetime.date(2018, 11, 5),
                    )
                    line_add(
                        proposal=proposal,
                        actor=actor,
                        title=titles["CSTDCS"],
                        staff=reg.staff,
                        achievements="Hoàn thành xuất sắc nhiệm vụ năm 2018.",
                        initiatives=[base],
                    )
            try:
                line_add(
                    proposal=proposal,
                    actor=actor,
                    title=reg.title,
                    staff=reg.staff,
                    initiatives=initiatives,
                    achievements="Hoàn thành xuất sắc nhiệm vụ được giao năm 2018; không có án bị hủy, "
                    "trả hồ sơ điều tra bổ sung do trách nhiệm của Kiểm sát viên.",
                )
            except ValidationError:
                continue
        proposal_submit(proposal=proposal, actor=actor, now=_at(datetime.date(2018, 11, 25)))


def seed_review_and_council(province: Unit, plan: YearPlan) -> None:
    """The secretariat accepts what meets the criteria; the council meets on 20/12/2018 and counts part of the
    agenda; the provincial head's decision lists what was approved."""
    if CouncilMeeting.objects.filter(year_plan=plan).exists():
        return
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    # Two rounds: a collective's share of Lao động tiên tiến counts only its members' accepted lines.
    for _round in range(2):
        verdicts_refresh(province, plan.year)
        for line in ProposalLine.objects.filter(
            proposal__year_plan=plan, state=LineState.SUBMITTED, verdict__outcome=Outcome.PASS
        ):
            review_accept(line=line, actor=secretariat)
    leaders = list(Staff.objects.filter(unit=province).order_by("sort_key"))
    heads = list(
        Staff.objects.filter(unit__province=province, position__in=["Trưởng phòng", "Chánh Văn phòng"])
        .exclude(unit=province)
        .order_by("sort_key")[:7]
    )
    members = [
        (person, "Chủ tịch Hội đồng" if person.position == "Viện trưởng" else "Ủy viên", index != 5)
        for index, person in enumerate(leaders + heads)
    ]
    chair = next((p.full_name for p in leaders if p.position == "Viện trưởng"), leaders[0].full_name)
    meeting = meeting_create(
        year_plan=plan,
        actor=secretariat,
        held_at=_at(datetime.date(2018, 12, 20), 8),
        members=members,
        location="Hội trường Viện kiểm sát nhân dân tỉnh Thái Bình",
        chair=chair,
        secretary="Thường trực Hội đồng",
    )
    accepted = (
        ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.ACCEPTED)
        .select_related("proposal__unit", "title", "staff")
        .order_by("title__category", "-title__display_order", "proposal__unit__display_order")
    )
    items = agenda_add(meeting=meeting, lines=list(accepted), actor=secretariat)
    rng = random.Random(20)  # noqa: S311 - demo data
    members = list(meeting.members.select_related("staff"))
    for item in items[: len(items) * 2 // 3]:
        voting = [
            m for m in members if m.staff.unit_id != item.line.proposal.unit_id and m.staff_id != item.line.staff_id
        ]
        voters = sum(1 for m in voting if m.present)
        yes = voters - rng.choice([0, 0, 1, 2])
        tally_record(
            item=item,
            actor=secretariat,
            yes=yes,
            no=voters - yes,
            blank=0,
            written_yes=sum(1 for m in voting if not m.present),
        )
    approved = ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.APPROVED).select_related(
        "title", "proposal"
    )
    provincial = [line for line in approved if line.title.conferred_in_province]
    if provincial and not Decision.objects.filter(year_plan=plan).exists():
        decision = decision_create(year_plan=plan, kind="decision", lines=provincial, actor=secretariat)
        decision_issue(decision=decision, actor=secretariat, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    verdicts_refresh(province, plan.year)
