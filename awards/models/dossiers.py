"""What goes up with a forwarding submission: the public consultation for high awards (domain-rules.md §3.3) and
the dossier to the Supreme Procuracy (§6). Certificates printed from a decision: the layout on the province's
pre-printed paper and the register numbers (số vào sổ) kept on the award records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import CertificateKind, ConsultationState, DossierState, PaperSize
from awards.models.decisions import Decision
from awards.models.proposals import ProposalLine
from units.models import TimeStampedModel, Unit
from units.scoping import ScopedQuerySet, province_rows


def dossier_path(dossier, filename):
    return f"dossiers/{dossier.decision.province_id}/{dossier.decision_id}-{filename}"


class ConsultationQuerySet(ScopedQuerySet):
    # The province's secretariat and council members; every staff account of the province reads the published
    # page through its own view (awards.views.consultations), not through this scope.
    scope = province_rows("decision__province")


class Consultation(TimeStampedModel):
    """The public consultation (lấy ý kiến) on the candidates of a forwarding submission for the awards that need
    one (``TitleRule.requires_consultation``): published from ``opens_on`` to ``closes_on`` (inclusive)."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="consultation", verbose_name=_("forwarding submission")
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    notice = models.TextField(_("notice"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ConsultationState.choices, default=ConsultationState.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    TRANSITIONS = {(ConsultationState.OPEN, ConsultationState.CLOSED)}
    AUDIT_NAME = "consultation"

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="consultation_dates_order"),
        ]

    def __str__(self):
        return str(self.decision)


class ConsultationCommentQuerySet(ScopedQuerySet):
    scope = province_rows("consultation__decision__province")


class ConsultationComment(models.Model):
    """A comment on a candidate (or on the list when ``line`` is empty), with its author, and the secretariat's
    answer."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments", verbose_name=_("public consultation")
    )
    line = models.ForeignKey(
        ProposalLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_comments",
        verbose_name=_("candidate"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = ConsultationCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="") | Q(answered_at__isnull=False), name="comment_answer_has_time"
            ),
        ]

    def __str__(self):
        return self.text[:60]


class DossierQuerySet(ScopedQuerySet):
    scope = province_rows("decision__province")


class Dossier(TimeStampedModel):
    """The dossier of a forwarding submission: the .zip of its documents with a JSON manifest
    (docs/dossier-format.md), checked for completeness before it is sent."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="dossier", verbose_name=_("forwarding submission")
    )
    state = models.CharField(_("state"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT)
    file = models.FileField(_("file"), upload_to=dossier_path, blank=True, max_length=300)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    manifest = models.JSONField(_("manifest"), default=dict, blank=True)
    built_at = models.DateTimeField(_("assembled at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    TRANSITIONS = {(DossierState.DRAFT, DossierState.SENT)}
    AUDIT_NAME = "dossier"

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.CheckConstraint(
                condition=Q(state=DossierState.DRAFT) | ~Q(checksum=""), name="dossier_sent_has_checksum"
            ),
        ]

    def __str__(self):
        return str(self.decision)


class CertificateLayoutQuerySet(ScopedQuerySet):
    scope = province_rows("province")


class CertificateLayout(TimeStampedModel):
    """Where the printed text falls on the province's pre-printed paper (phôi) for one kind of certificate:
    the paper, and offsets in millimetres added to every field's position (``positions``: field → [x, y] mm
    from the top left of the landscape page)."""

    province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="certificate_layouts", verbose_name=_("province")
    )
    kind = models.CharField(_("kind of certificate"), max_length=20, choices=CertificateKind.choices)
    paper = models.CharField(_("paper"), max_length=2, choices=PaperSize.choices, default=PaperSize.A4)
    offset_x_mm = models.DecimalField(_("move right (mm)"), max_digits=5, decimal_places=1, default=0)
    offset_y_mm = models.DecimalField(_("move down (mm)"), max_digits=5, decimal_places=1, default=0)
    positions = models.JSONField(_("positions of the fields (mm)"), default=dict, blank=True)

    objects = CertificateLayoutQuerySet.as_manager()

    class Meta:
        ordering = ["province", "kind"]
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")
        constraints = [
            models.UniqueConstraint(fields=["province", "kind"], name="certificate_layout_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.paper})"
