from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import LineState, Outcome, ProposalKind
from awards.models.records import Initiative
from awards.models.rules import RuleSet
from movements.models import Movement, Title, YearPlan
from units.models import Staff, TimeStampedModel, Unit
from units.scoping import ScopedQuerySet, unit_rows


class ProposalQuerySet(ScopedQuerySet):
    # Officers see their unit's proposals, the secretariat and council their province's, admins all.
    scope = unit_rows("unit")


class Proposal(TimeStampedModel):
    """A unit's proposal for a year and a kind: lines of subject × title or form of commendation."""

    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("year plan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("movement"),
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("last submitted at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("created by")
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["year_plan", "unit", "kind", "pk"]
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        constraints = [
            # One year-end proposal per unit and year; ad hoc and movement proposals may be many.
            models.UniqueConstraint(
                fields=["year_plan", "unit"], condition=Q(kind=ProposalKind.YEAR_END), name="proposal_one_year_end"
            ),
            models.CheckConstraint(
                condition=~Q(kind=ProposalKind.MOVEMENT) | Q(movement__isnull=False), name="proposal_movement_given"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.get_kind_display()} {self.year_plan.year}"

    @property
    def year(self):
        return self.year_plan.year


class LineQuerySet(ScopedQuerySet):
    scope = unit_rows("proposal__unit")


class ProposalLine(TimeStampedModel):
    """One subject (a staff member, or the unit itself when ``staff`` is empty) proposed for one title or form.

    Its state changes only through ``units.workflow.transition`` (``awards.services.lines.line_transition``).
    """

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="lines", verbose_name=_("award proposal")
    )
    staff = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal_lines",
        verbose_name=_("person"),
    )
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="proposal_lines", verbose_name=_("title"))
    achievements = models.TextField(_("achievement summary"))
    state = models.CharField(_("state"), max_length=20, choices=LineState.choices, default=LineState.DRAFT)
    review_note = models.TextField(_("secretariat's note"), blank=True)
    unit_position = models.CharField(_("position at the time"), max_length=150, blank=True)

    TRANSITIONS = {
        (LineState.DRAFT, LineState.SUBMITTED),
        (LineState.RETURNED, LineState.SUBMITTED),
        (LineState.SUBMITTED, LineState.ACCEPTED),
        (LineState.SUBMITTED, LineState.RETURNED),
        (LineState.SUBMITTED, LineState.REJECTED),
        (LineState.ACCEPTED, LineState.RETURNED),
        # A fact that arrives after acceptance or approval (a disciplinary measure, a revoked award) may leave a
        # line that the law no longer allows: the secretariat rejects it with the reason.
        (LineState.ACCEPTED, LineState.REJECTED),
        (LineState.APPROVED, LineState.REJECTED),
        (LineState.ACCEPTED, LineState.APPROVED),
        (LineState.ACCEPTED, LineState.NOT_APPROVED),
        (LineState.APPROVED, LineState.DECIDED),
        (LineState.APPROVED, LineState.FORWARDED),
        (LineState.FORWARDED, LineState.DECIDED),
    }
    TRANSITION_REFUSED = _("A line that is “%(from)s” cannot become “%(to)s”.")
    AUDIT_NAME = "proposal_line"

    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["proposal", "title__category", "title__subject_kind", "-title__display_order", "staff__sort_key"]
        verbose_name = _("proposal line")
        verbose_name_plural = _("proposal lines")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "staff", "title"],
                name="line_once_per_person_title",
                condition=Q(staff__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["proposal", "title"], name="line_once_per_collective_title", condition=Q(staff__isnull=True)
            ),
        ]

    def __str__(self):
        return f"{self.subject_name}: {self.title}"

    @property
    def is_collective(self):
        return self.staff_id is None

    @property
    def subject_name(self):
        return self.staff.full_name if self.staff_id else self.proposal.unit.name


class LineInitiative(models.Model):
    """The initiative a line relies on. "One initiative, one use" (domain-rules §4.2): the database refuses a second
    live use; the link is released (kept for history) when the line is rejected or not approved."""

    line = models.ForeignKey(
        ProposalLine, on_delete=models.CASCADE, related_name="initiative_links", verbose_name=_("proposal line")
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="uses", verbose_name=_("initiative")
    )
    released = models.BooleanField(_("released"), default=False)

    class Meta:
        verbose_name = _("initiative used")
        verbose_name_plural = _("initiatives used")
        constraints = [
            models.UniqueConstraint(fields=["initiative"], condition=Q(released=False), name="initiative_one_use"),
            models.UniqueConstraint(fields=["line", "initiative"], name="lineinitiative_unique"),
        ]

    def __str__(self):
        return f"{self.initiative_id} → {self.line_id}"


class Verdict(models.Model):
    """The eligibility result of a line: each check with its outcome and explanation, and the rule set used."""

    line = models.OneToOneField(
        ProposalLine, on_delete=models.CASCADE, related_name="verdict", verbose_name=_("proposal line")
    )
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule set"))
    outcome = models.CharField(_("result"), max_length=10, choices=Outcome.choices)
    checks = models.JSONField(_("checks"), default=list)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)
    override_reason = models.TextField(_("reason for overriding the needs-review checks"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overridden by"),
    )
    overridden_at = models.DateTimeField(_("overridden at"), null=True, blank=True)
    # The needs-review checks as they read when overridden: the override covers those facts and no later ones.
    override_checks = models.JSONField(default=list, blank=True)
    stale = models.BooleanField(
        _("to judge again"), default=False, help_text=_("A fact it was judged from changed since.")
    )
    # When it was first marked: a refresh that the broker lost is found by the sweep and run again.
    stale_since = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("eligibility verdict")
        verbose_name_plural = _("eligibility verdicts")

    def __str__(self):
        return f"{self.line_id}: {self.outcome}"


class ClusterEndorsement(models.Model):
    """The cluster's (cụm, khối thi đua) vote on a unit proposed for the Cờ thi đua: the share of the cluster's
    units that agree (TT 01/2019/TT-VKSTC Điều 20: ít nhất 80% thành viên cụm, khối suy tôn)."""

    line = models.OneToOneField(
        ProposalLine, on_delete=models.CASCADE, related_name="endorsement", verbose_name=_("proposal line")
    )
    units_total = models.PositiveSmallIntegerField(_("units of the cluster"))
    units_agreeing = models.PositiveSmallIntegerField(_("units agreeing"))
    held_on = models.DateField(_("cluster meeting held on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("cluster endorsement")
        verbose_name_plural = _("cluster endorsements")
        constraints = [
            models.CheckConstraint(
                condition=Q(units_agreeing__lte=models.F("units_total")) & Q(units_total__gt=0),
                name="endorsement_agreeing_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.line_id}: {self.units_agreeing}/{self.units_total}"
