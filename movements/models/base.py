import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from movements.enums import Launcher, MovementKind, RecipientsKind, ReportState, SignerAuthority
from units.models import Staff, TimeStampedModel, Unit
from units.scoping import Scope, ScopedQuerySet, province, unit_rows


def end_of_day(day: datetime.date) -> datetime.datetime:
    """A deadline date is inclusive to 23:59:59 local time (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


class YearPlanQuerySet(ScopedQuerySet):
    # Every role sees its province's plans (an officer's province is their unit's).
    scope = Scope(officer=province("province"), secretariat="province", council_member="province")


class YearPlan(TimeStampedModel):
    """A province's emulation plan for one year (e.g. Kế hoạch 02/KH-VKS ngày 07/01/2018) and its deadlines.

    It also carries what the province's documents print in their header and footer, so that names, numbers,
    signer and recipients come from data, not code.
    """

    province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="year_plans", verbose_name=_("provincial procuracy")
    )
    year = models.PositiveIntegerField(_("year"))
    number = models.CharField(_("plan number"), max_length=50, blank=True, help_text=_("e.g. 02/KH-VKS"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    theme = models.TextField(_("emulation theme"), blank=True)
    # Plan III.2: units send their registrations "chậm nhất vào ngày 17/01/2018".
    registration_deadline = models.DateField(
        _("registration deadline"), help_text=_("Inclusive: registrations are accepted until 23:59:59 that day.")
    )
    proposal_deadline = models.DateField(
        _("year-end proposal deadline"),
        null=True,
        blank=True,
        help_text=_("Inclusive: year-end proposals are accepted until 23:59:59 that day."),
    )
    # Plan III.1: each unit sends its own plan or programme on the provincial plan by this day.
    unit_plan_deadline = models.DateField(
        _("deadline for the units' own plans"),
        null=True,
        blank=True,
        help_text=_("Inclusive: units' plans and programmes are due by 23:59:59 that day."),
    )
    superior_agency = models.CharField(
        _("superior agency (document header)"), max_length=150, default="VIỆN KSND TỐI CAO"
    )
    issuing_agency = models.CharField(
        _("issuing agency (document header)"), max_length=200, blank=True, help_text=_("Defaults to the unit name.")
    )
    agency_symbol = models.CharField(_("agency symbol in numbers"), max_length=30, default="VKS")
    place_name = models.CharField(_("place name for document dates"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True, default="VIỆN TRƯỞNG")
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    signer_authority = models.CharField(
        _("signer's authority"),
        max_length=5,
        choices=SignerAuthority.choices,
        blank=True,
        default=SignerAuthority.NONE,
        help_text=_("KT., TM., Q., TL. or TUQ. before the head's title, as the signer signs (Decree 30/2020)."),
    )
    signer_deputy_title = models.CharField(
        _("signer's own title"),
        max_length=150,
        blank=True,
        help_text=_("The second line under KT., TM., TL. or TUQ., e.g. PHÓ VIỆN TRƯỞNG."),
    )
    recipients = models.TextField(
        _("recipients of reports (Nơi nhận)"),
        blank=True,
        help_text=_(
            "One recipient per line, without the leading dash, e.g. “Vụ Thi đua - Khen thưởng VKSND tối cao (để báo "
            "cáo);”. Empty: the superior agency (để báo cáo) and the archive."
        ),
    )
    pack_recipients = models.TextField(
        _("recipients of the council pack"),
        blank=True,
        help_text=_("One recipient per line. Empty: the council's members (để xem xét) and the archive."),
    )
    decision_recipients = models.TextField(
        _("recipients of decisions"),
        blank=True,
        help_text=_(
            "One recipient per line. Empty: those named in Article 3 (để thực hiện), the superior agency (để báo "
            "cáo) and the archive."
        ),
    )
    submission_recipients = models.TextField(
        _("recipients of forwarding submissions"),
        blank=True,
        help_text=_("One recipient per line. Empty: the addressee (“Như trên”) and the archive."),
    )
    # The plan's own provisions (domain-rules §4.14: found in no national or sector text, so they belong to the
    # province's plan, not to the national rule sets). Verdicts cite them with the plan's number and section.
    registration_required = models.BooleanField(
        _("titles not registered are not considered"),
        default=True,
        help_text=_("A year-end emulation title that was not registered in January is not considered."),
    )
    registration_section = models.CharField(
        _("section of the plan on registration"), max_length=30, blank=True, help_text=_("e.g. III.2")
    )
    bars_serious_violation = models.BooleanField(_("serious violations bar awards"), default=False)
    bars_annulled_case = models.BooleanField(
        _("cases annulled through the procuracy's fault bar awards"), default=False
    )
    bars_suspended_case = models.BooleanField(_("cases suspended for no crime bar awards"), default=False)
    disqualifier_section = models.CharField(
        _("section of the plan on these disqualifiers"), max_length=30, blank=True, help_text=_("e.g. II.2.9")
    )

    objects = YearPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("emulation year plan")
        verbose_name_plural = _("emulation year plans")
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="yearplan_one_per_province_year"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2200), name="yearplan_year_range"),
        ]

    def __str__(self):
        return f"{self.year} – {self.province}"

    @property
    def registration_closes_at(self) -> datetime.datetime:
        return end_of_day(self.registration_deadline)

    def citation(self, section: str = "") -> str:
        """How a verdict cites the plan: "Kế hoạch 02/KH-VKS, mục III.2"."""
        name = f"Kế hoạch {self.number}" if self.number else f"Kế hoạch thi đua năm {self.year}"
        return f"{name}, mục {section}" if section else name

    @property
    def header_agency(self) -> str:
        return self.issuing_agency or self.province.name.upper()

    # The second line under the prefix: the deputy's (KT.), the head of the office's (TL., TUQ.), the chair's (TM.).
    AUTHORITY_WITH_OWN_TITLE = (SignerAuthority.KT, SignerAuthority.TM, SignerAuthority.TL, SignerAuthority.TUQ)

    def clean(self):
        super().clean()
        if self.signer_authority in self.AUTHORITY_WITH_OWN_TITLE and not self.signer_deputy_title.strip():
            raise ValidationError(
                {"signer_deputy_title": _("Give the signer's own title, printed under the authority line.")}
            )

    def signature_lines(self, title: str = "") -> list[str]:
        """The bold upper-case lines above the signature: ["KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG"], or ["VIỆN
        TRƯỞNG"]; ``title`` is the head's title when a document names another (a decision keeps its own)."""
        head = (title or self.signer_title or "").strip().upper()
        if not self.signer_authority:
            return [head] if head else []
        lines = [f"{self.signer_authority}. {head}".strip()]
        if self.signer_authority in self.AUTHORITY_WITH_OWN_TITLE and self.signer_deputy_title.strip():
            lines.append(self.signer_deputy_title.strip().upper())
        return lines

    @property
    def recipient_lines(self) -> list[str]:
        return self.recipients_for(RecipientsKind.REPORT)

    def recipients_for(self, kind: str) -> list[str]:
        """The "Nơi nhận" of a kind of document: the plan's own list, else one built from its agencies."""
        text = {
            RecipientsKind.REPORT: self.recipients,
            RecipientsKind.PACK: self.pack_recipients,
            RecipientsKind.DECISION: self.decision_recipients,
            RecipientsKind.SUBMISSION: self.submission_recipients,
        }[kind]
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            return lines
        superior = self.superior_agency.strip()
        archive = "Lưu: VT."
        return {
            RecipientsKind.REPORT: [f"{superior} (để báo cáo);", archive] if superior else [archive],
            RecipientsKind.PACK: ["Thành viên Hội đồng thi đua, khen thưởng (để xem xét);", archive],
            RecipientsKind.DECISION: ["Như Điều 3 (để thực hiện);"]
            + ([f"{superior} (để báo cáo);"] if superior else [])
            + [archive],
            RecipientsKind.SUBMISSION: ["Như trên;", archive],
        }[kind]


class ProvinceScopedQuerySet(ScopedQuerySet):
    """Rows that belong to a unit: officers see their unit's, the secretariat and council their province's."""

    scope = unit_rows("unit")


def _movements_taking_part(queryset, user):
    """An officer sees the province's movements their unit takes part in and their unit's own movements."""
    if not user.province_id or not user.unit_id:
        return queryset.none()
    mine = queryset.filter(province_id=user.province_id)
    return mine.filter(
        Q(unit_id=user.unit_id) | Q(unit__isnull=True) & (Q(all_units=True) | Q(units=user.unit_id))
    ).distinct()


class MovementQuerySet(ScopedQuerySet):
    # The secretariat and council see their province's movements; an officer those their unit takes part in.
    scope = Scope(officer=_movements_taking_part, secretariat="province", council_member="province")

    def for_unit(self, unit):
        """The province's movements a unit takes part in (not the units' own)."""
        mine = self.filter(province_id=unit.province_id, unit__isnull=True)
        return mine.filter(Q(all_units=True) | Q(units=unit.pk)).distinct()


class Movement(TimeStampedModel):
    """An emulation movement (phong trào thi đua) the province's units take part in and report on."""

    province = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="movements", verbose_name=_("province"))
    name = models.CharField(_("name"), max_length=500)
    launched_by = models.CharField(_("launched by"), max_length=30, choices=Launcher.choices)
    # A unit's own short-term movement for its staff (plan II.2.5, launched_by UNIT); None for the province's.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_movements",
        verbose_name=_("launching unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MovementKind.choices)
    start_date = models.DateField(_("starts on"))
    end_date = models.DateField(_("ends on"))
    theme = models.TextField(_("theme"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)
    launching_document = models.CharField(
        _("launching document"), max_length=255, blank=True, help_text=_("e.g. Chỉ thị số 02/CT-VKSTC ngày 27/12/2017")
    )
    all_units = models.BooleanField(_("all units take part"), default=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("participating units"))
    report_deadline = models.DateField(
        _("report deadline"), null=True, blank=True, help_text=_("Units report by 23:59 on this day.")
    )

    objects = MovementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="movement_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(launched_by=Launcher.UNIT, unit__isnull=False)
                | (~Q(launched_by=Launcher.UNIT) & Q(unit__isnull=True)),
                name="movement_unit_launches_its_own",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def report_closes_at(self):
        return end_of_day(self.report_deadline) if self.report_deadline else None


class MovementReportQuerySet(ProvinceScopedQuerySet):
    pass


class SentToSecretariat(TimeStampedModel):
    """A unit's document sent to the secretariat (a movement report, the unit's plan): saved as a draft as often as
    the unit wants; sending locks it until the secretariat returns it with a reason (``units.workflow``)."""

    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    # Saving a draft keeps its state; submitting locks it until the secretariat returns it.
    TRANSITIONS = {
        (ReportState.DRAFT, ReportState.SUBMITTED),
        (ReportState.RETURNED, ReportState.SUBMITTED),
        (ReportState.SUBMITTED, ReportState.RETURNED),
    }

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ReportState.SUBMITTED) | Q(submitted_at__isnull=False),
                name="%(class)s_submitted_has_time",
            ),
        ]


class MovementReport(SentToSecretariat):
    """A unit's short report on a movement, with attachments."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="reports", verbose_name=_("movement"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="movement_reports", verbose_name=_("unit"))
    summary = models.TextField(_("report"))
    AUDIT_NAME = "movement_report"

    objects = MovementReportQuerySet.as_manager()

    class Meta(SentToSecretariat.Meta):
        ordering = ["movement", "unit"]
        verbose_name = _("movement report")
        verbose_name_plural = _("movement reports")
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="movementreport_one_per_unit"),
            *SentToSecretariat.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.movement} – {self.unit}"


class Pledge(TimeStampedModel):
    """The emulation pledge (giao ước thi đua) signed each year by the unit's head and its trade union (plan III.3)."""

    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("year plan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("unit"))
    signed_on = models.DateField(_("signed on"))
    head_signatory = models.CharField(_("signed for the unit by"), max_length=150)
    union_signatory = models.CharField(_("signed for the trade union by"), max_length=150)
    content = models.TextField(_("main commitments"), blank=True)

    objects = ProvinceScopedQuerySet.as_manager()

    class Meta:
        ordering = ["year_plan", "unit"]
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        constraints = [models.UniqueConstraint(fields=["year_plan", "unit"], name="pledge_one_per_unit_year")]

    def __str__(self):
        return f"{self.unit} – {self.year_plan.year}"


class ExemplaryIndividual(TimeStampedModel):
    """An exemplary individual (điển hình tiên tiến) a unit names for the year (plan II.2.6); the council selects
    some for replication across the province and for presenting to the Supreme Procuracy."""

    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="exemplary_individuals", verbose_name=_("year plan")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="exemplary_individuals", verbose_name=_("unit")
    )
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    account = models.TextField(_("short account of the example"))
    selected_for_province = models.BooleanField(_("selected for replication in the province"), default=False)
    presented_to_supreme = models.BooleanField(_("presented to the Supreme Procuracy"), default=False)

    objects = ProvinceScopedQuerySet.as_manager()

    class Meta:
        ordering = ["year_plan", "unit", "staff__sort_key"]
        verbose_name = _("exemplary individual")
        verbose_name_plural = _("exemplary individuals")
        constraints = [
            models.UniqueConstraint(fields=["year_plan", "staff"], name="exemplary_once_per_person_year"),
        ]

    def __str__(self):
        return f"{self.staff} ({self.year_plan.year})"
