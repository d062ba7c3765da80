from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardStatus, DecisionKind, DecisionState
from awards.models.proposals import ProposalLine
from movements.enums import ConferringLevel
from movements.models import Title, YearPlan
from units.models import Staff, TimeStampedModel, Unit
from units.scoping import Scope, ScopedQuerySet, province, province_rows


class DecisionQuerySet(ScopedQuerySet):
    # The province's secretariat and council members; admins.
    scope = province_rows("province")


class Decision(TimeStampedModel):
    """A decision of the provincial head with its list, a forwarding submission (tờ trình) of what a higher level
    confers, or a higher level's decision recorded when it arrives."""

    province = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("province"))
    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("year plan")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    number = models.CharField(_("number"), max_length=50, blank=True, help_text=_("e.g. 45/QĐ-VKS"))
    issued_on = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=DecisionState.choices, default=DecisionState.DRAFT)
    lines = models.ManyToManyField(
        ProposalLine, through="DecisionLine", related_name="decisions", verbose_name=_("proposal lines")
    )

    TRANSITIONS = {(DecisionState.DRAFT, DecisionState.ISSUED)}

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("decision or submission")
        verbose_name_plural = _("decisions and submissions")
        constraints = [
            models.CheckConstraint(
                condition=Q(state=DecisionState.DRAFT) | (~Q(number="") & Q(issued_on__isnull=False)),
                name="decision_issued_has_number_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.number or _('(no number)')} – {self.get_kind_display()}"


class DecisionLine(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="decision_lines", verbose_name=_("decision or submission")
    )
    line = models.ForeignKey(
        ProposalLine, on_delete=models.PROTECT, related_name="decision_lines", verbose_name=_("proposal line")
    )

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        constraints = [models.UniqueConstraint(fields=["decision", "line"], name="decisionline_once")]

    def __str__(self):
        return f"{self.decision_id}/{self.line_id}"


class AwardRecordQuerySet(ScopedQuerySet):
    # Award history is not secret inside the province: every role of the province sees it.
    scope = Scope(officer=province("unit__province"), secretariat="unit__province", council_member="unit__province")

    def valid(self):
        return self.filter(status=AwardStatus.VALID)


class AwardRecord(TimeStampedModel):
    """A title or form actually conferred: the award history that next years' eligibility depends on.

    ``unit`` is always the subject's unit at the time; ``staff`` is empty for a collective award. A revoked award
    stays here with the revoking decision (Law 2022, chapter VII).
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="award_records", verbose_name=_("unit"))
    staff = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
        verbose_name=_("person"),
    )
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="award_records", verbose_name=_("title"))
    year = models.PositiveIntegerField(_("year of achievement"))
    level = models.CharField(_("conferred by"), max_length=30, choices=ConferringLevel.choices)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("decision or submission"),
    )
    decision_number = models.CharField(_("decision number"), max_length=50)
    decision_date = models.DateField(_("decision date"))
    line = models.ForeignKey(
        ProposalLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("proposal line"),
    )
    status = models.CharField(_("status"), max_length=10, choices=AwardStatus.choices, default=AwardStatus.VALID)
    revoked_by = models.CharField(_("revoking decision"), max_length=100, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # Whether the person held a leading position when the award was conferred (plan II.2.9: the share of awards
    # to people working directly); empty for a collective and for records from before it was kept.
    was_leader = models.BooleanField(_("held a leading position"), null=True, blank=True)
    # The certificate's number in the province's register (số vào sổ), given once, in order, per year
    # (awards.services.certificates).
    register_year = models.PositiveIntegerField(_("register year"), null=True, blank=True)
    register_number = models.PositiveIntegerField(_("register number"), null=True, blank=True)
    register_province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("register of")
    )

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title__display_order", "pk"]
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        indexes = [
            models.Index(fields=["staff", "title", "year"], name="award_person_title_year_idx"),
            models.Index(fields=["unit", "title", "year"], name="award_unit_title_year_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=AwardStatus.VALID) | ~Q(revoked_by=""), name="award_revoked_has_decision"
            ),
            models.UniqueConstraint(
                fields=["register_province", "register_year", "register_number"],
                condition=Q(register_number__isnull=False),
                name="award_register_number_once",
            ),
        ]

    def __str__(self):
        subject = self.staff or self.unit
        return f"{subject}: {self.title} {self.year}"
