"""Units prepare proposals: lines of subject × title or form, with achievements, report and initiatives."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.eligibility import registration_of
from awards.enums import LineState, ProposalKind
from awards.models import Initiative, LineInitiative, Proposal, ProposalLine
from awards.services.lines import line_transition, verdicts_refresh
from awards.services.notify import notify_proposal_submitted
from movements.enums import TitleCategory
from movements.models import Movement, Title, YearPlan, end_of_day
from units.attachments import attachments_add
from units.models import Staff, Unit
from units.permissions import require_unit_access
from units.services import audit_log

EDITABLE_STATES = {LineState.DRAFT, LineState.RETURNED}


@transaction.atomic
def proposal_create(
    *, unit: Unit, year_plan: YearPlan, kind: str, actor, movement: Movement | None = None, description: str = ""
) -> Proposal:
    require_unit_access(actor, unit)
    if unit.province_id != year_plan.province_id:
        raise ValidationError(_("This unit does not belong to the plan's province."))
    if kind == ProposalKind.MOVEMENT and movement is None:
        raise ValidationError(_("Choose the movement the proposal is for."))
    if movement is not None and movement.province_id != unit.province_id:
        raise ValidationError(_("The movement belongs to another province."))
    if (
        kind == ProposalKind.YEAR_END
        and Proposal.objects.filter(unit=unit, year_plan=year_plan, kind=ProposalKind.YEAR_END).exists()
    ):
        raise ValidationError(_("The unit already has a year-end proposal for %(year)s.") % {"year": year_plan.year})
    proposal = Proposal.objects.create(
        unit=unit,
        year_plan=year_plan,
        kind=kind,
        movement=movement if kind == ProposalKind.MOVEMENT else None,
        description=description.strip(),
        created_by=actor,
    )
    audit_log(actor=actor, action="proposal.create", target=proposal, unit=unit, data={"kind": kind})
    return proposal


def _check_registered(proposal: Proposal, staff: Staff | None, title: Title) -> None:
    """The plan's provision (Thái Bình 2018: III.2): a year-end emulation title not registered for that subject and
    year is not considered. A plan without that provision does not check it. Which registration covers which title
    is ``awards.eligibility.registration``, the same rule as the eligibility check's."""
    plan = proposal.year_plan
    if not plan.registration_required:
        return
    if proposal.kind != ProposalKind.YEAR_END or title.category != TitleCategory.TITLE:
        return
    registered = registration_of(plan, proposal.unit, staff)
    subject = staff.full_name if staff else proposal.unit.name
    citation = plan.citation(plan.registration_section)
    if registered is None or registered.title is None:
        raise ValidationError(
            _(
                "%(subject)s did not register an emulation title for %(year)s; an unregistered title is not "
                "considered (%(citation)s)."
            )
            % {"subject": subject, "year": proposal.year, "citation": citation}
        )
    if not registered.covers(title):
        raise ValidationError(
            _("%(subject)s registered “%(registered)s” for %(year)s, not “%(title)s” (%(citation)s).")
            % {
                "subject": subject,
                "registered": registered.title.name,
                "year": proposal.year,
                "title": title.name,
                "citation": citation,
            }
        )


def _initiative_of_unit(initiative: Initiative, unit: Unit) -> bool:
    """A collective line may rely on the unit's own initiatives and on those a member of the unit wrote."""
    return initiative.unit_id == unit.pk or initiative.authors.filter(unit_id=unit.pk).exists()


def _check_line(proposal: Proposal, staff: Staff | None, title: Title, initiatives) -> None:
    if not title.is_active:
        raise ValidationError(_("This title or form is no longer in use."))
    if not title.fits(collective=staff is None):
        raise ValidationError(
            _("“%(title)s” is for individuals; it cannot be proposed for the unit.") % {"title": title.name}
            if staff is None
            else _("“%(title)s” is for collectives; it cannot be proposed for a person.") % {"title": title.name}
        )
    if staff is not None and staff.unit_id != proposal.unit_id:
        raise ValidationError(_("%(name)s is not a member of this unit.") % {"name": staff.full_name})
    for initiative in initiatives:
        if initiative.unit.province_id != proposal.unit.province_id:
            raise ValidationError(
                _("The initiative “%(title)s” belongs to another province.") % {"title": initiative.title}
            )
        if staff is not None and not initiative.authors.filter(pk=staff.pk).exists():
            raise ValidationError(
                _("%(name)s is not an author of “%(title)s”.") % {"name": staff.full_name, "title": initiative.title}
            )
        if staff is None and not _initiative_of_unit(initiative, proposal.unit):
            raise ValidationError(
                _("The initiative “%(title)s” is not an initiative of %(unit)s.")
                % {"title": initiative.title, "unit": proposal.unit.name}
            )
    _check_registered(proposal, staff, title)


def _link_initiatives(line: ProposalLine, initiatives) -> None:
    """Link the initiatives; the database refuses one already supporting another live line."""
    current = {link.initiative_id: link for link in line.initiative_links.filter(released=False)}
    wanted = {initiative.pk for initiative in initiatives}
    LineInitiative.objects.filter(pk__in=[link.pk for iid, link in current.items() if iid not in wanted]).delete()
    for initiative in initiatives:
        if initiative.pk in current:
            continue
        try:
            with transaction.atomic():
                LineInitiative.objects.create(line=line, initiative=initiative)
        except IntegrityError as error:
            raise ValidationError(
                _("The initiative “%(title)s” already supports another award; an initiative can be used only once.")
                % {"title": initiative.title}
            ) from error


def _editable(proposal: Proposal, actor) -> None:
    require_unit_access(actor, proposal.unit)


@transaction.atomic
def line_add(
    *,
    proposal: Proposal,
    actor,
    title: Title,
    achievements: str,
    staff: Staff | None = None,
    initiatives=(),
    files=(),
) -> ProposalLine:
    _editable(proposal, actor)
    initiatives = list(initiatives)
    _check_line(proposal, staff, title, initiatives)
    achievements = (achievements or "").strip()
    if not achievements:
        raise ValidationError(_("Write the achievement summary."))
    if ProposalLine.objects.filter(proposal=proposal, staff=staff, title=title).exists():
        raise ValidationError(_("This subject is already proposed for this title in the proposal."))
    line = ProposalLine.objects.create(
        proposal=proposal,
        staff=staff,
        title=title,
        achievements=achievements,
        unit_position=staff.position if staff else "",
    )
    _link_initiatives(line, initiatives)
    audit_log(
        actor=actor,
        action="proposal_line.create",
        target=line,
        unit=proposal.unit,
        data={"subject": line.subject_name, "title": title.name},
    )
    attachments_add(owner=line, files=files, actor=actor, unit=proposal.unit)
    return line


@transaction.atomic
def line_update(*, line: ProposalLine, actor, achievements: str, initiatives=(), files=()) -> ProposalLine:
    _editable(line.proposal, actor)
    if line.state not in EDITABLE_STATES:
        raise ValidationError(_("Only a draft or returned line can be changed."))
    initiatives = list(initiatives)
    _check_line(line.proposal, line.staff, line.title, initiatives)
    achievements = (achievements or "").strip()
    if not achievements:
        raise ValidationError(_("Write the achievement summary."))
    line.achievements = achievements
    line.save(update_fields=["achievements", "updated_at"])
    _link_initiatives(line, initiatives)
    audit_log(actor=actor, action="proposal_line.update", target=line, unit=line.proposal.unit)
    attachments_add(owner=line, files=files, actor=actor, unit=line.proposal.unit)
    return line


@transaction.atomic
def line_delete(*, line: ProposalLine, actor) -> None:
    _editable(line.proposal, actor)
    if line.state != LineState.DRAFT:
        raise ValidationError(_("Only a draft line can be deleted; ask the secretariat to reject a submitted one."))
    audit_log(
        actor=actor,
        action="proposal_line.delete",
        target=line.proposal,
        unit=line.proposal.unit,
        data={"subject": line.subject_name, "title": line.title.name},
    )
    line.delete()


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor, now=None) -> list[ProposalLine]:
    """Send the draft and returned lines to the secretariat; each gets its eligibility verdict."""
    _editable(proposal, actor)
    now = now or timezone.now()
    plan = proposal.year_plan
    if proposal.kind == ProposalKind.YEAR_END and plan.proposal_deadline and now > end_of_day(plan.proposal_deadline):
        raise ValidationError(
            _("The deadline for year-end proposals (23:59 on %(date)s) has passed.")
            % {"date": plan.proposal_deadline.strftime("%d/%m/%Y")}
        )
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    lines = list(proposal.lines.filter(state__in=EDITABLE_STATES).select_related("title", "staff"))
    if not lines:
        raise ValidationError(_("There is no draft or returned line to submit."))
    for line in lines:
        _check_registered(proposal, line.staff, line.title)
        line_transition(line=line, to_state=LineState.SUBMITTED, actor=actor)
    proposal.submitted_at = now
    proposal.save(update_fields=["submitted_at", "updated_at"])
    audit_log(actor=actor, action="proposal.submit", target=proposal, unit=proposal.unit, data={"lines": len(lines)})
    verdicts_refresh(proposal.unit.province, plan.year)
    notify_proposal_submitted(proposal, lines)
    return lines


def initiatives_for(unit: Unit):
    """Initiatives a unit's lines may rely on: the unit's own and those whose authors include a member of the unit
    (``_check_line`` then checks a person's line against that person's authorship), with authors."""
    mine = Initiative.objects.filter(Q(unit_id=unit.pk) | Q(authors__unit_id=unit.pk)).values("pk")
    return Initiative.objects.filter(pk__in=mine).prefetch_related("authors").order_by("-year", "title")
