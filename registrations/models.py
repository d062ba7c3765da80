from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from movements.models import Title, YearPlan
from registrations.enums import RegistrationState
from units.models import Staff, TimeStampedModel, Unit
from units.scoping import Scope, ScopedQuerySet


class RegistrationQuerySet(ScopedQuerySet):
    # Officers see their unit's registrations, the secretariat its province's; council members none.
    scope = Scope(officer="unit", secretariat="unit__province")


class Registration(TimeStampedModel):
    """A unit's registration of the titles its collective and staff aim for in a plan year.

    The state changes only in ``registrations.services``; every change is audited.
    """

    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("year plan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("unit"))
    state = models.CharField(
        _("state"), max_length=20, choices=RegistrationState.choices, default=RegistrationState.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    last_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    # Creation makes a draft; these are the only changes (``registrations.services``, through ``transition``).
    TRANSITIONS = {
        (RegistrationState.DRAFT, RegistrationState.SUBMITTED),
        (RegistrationState.RETURNED, RegistrationState.SUBMITTED),
        (RegistrationState.SUBMITTED, RegistrationState.RETURNED),
    }
    TRANSITION_REFUSED = _("A registration that is “%(from)s” cannot become “%(to)s”.")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["year_plan", "unit"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["year_plan", "unit"], name="registration_one_per_unit_year"),
            models.CheckConstraint(
                condition=~Q(state=RegistrationState.SUBMITTED) | Q(submitted_at__isnull=False),
                name="registration_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.year_plan.year}"

    @property
    def is_editable_state(self):
        return self.state in (RegistrationState.DRAFT, RegistrationState.RETURNED)


class RegistrationLine(models.Model):
    """One subject's line: the collective (``staff`` empty) or a staff member, with a title or "not registering"."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="lines", verbose_name=_("registration")
    )
    staff = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_lines",
        verbose_name=_("staff member"),
    )
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_lines",
        verbose_name=pgettext_lazy("award", "title"),
    )
    not_registering_reason = models.TextField(_("reason for not registering"), blank=True)
    # What the person held when the line was written, so the printed list keeps the names of the time.
    staff_position = models.CharField(_("position"), max_length=150, blank=True)
    # Set when the line was added to a submitted registration for someone who came after it (a recruit who
    # joined after the deadline, or a person added to the roster after the submission).
    supplementary_at = models.DateTimeField(_("added as a supplementary registration at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration line")
        verbose_name_plural = _("registration lines")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "staff"], name="regline_one_per_staff", condition=Q(staff__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["registration"], name="regline_one_collective", condition=Q(staff__isnull=True)
            ),
            # Either a title, or no title with a reason.
            models.CheckConstraint(
                condition=Q(title__isnull=False, not_registering_reason="")
                | (Q(title__isnull=True) & ~Q(not_registering_reason="")),
                name="regline_title_xor_reason",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id}/{self.staff_id or 'unit'}"

    @property
    def is_collective(self):
        return self.staff_id is None


class DeadlineExtension(models.Model):
    """The secretariat's extension of one unit's registration deadline. The latest one is in force."""

    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="extensions", verbose_name=_("year plan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="deadline_extensions", verbose_name=_("unit"))
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        indexes = [models.Index(fields=["year_plan", "unit", "-granted_at"], name="extension_lookup_idx")]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason")]

    def __str__(self):
        return f"{self.unit_id} → {self.new_deadline:%d/%m/%Y}"


class Reminder(models.Model):
    """One deadline reminder for one unit: recorded before it is sent, unique per unit, plan, offset and date.

    ``days_before`` is how many days before the unit's deadline it is due (0 on the day); -1 is the single
    reminder after a missed deadline, which also goes to the secretariat. An extension gives new due dates.
    """

    OVERDUE = -1

    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("year plan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("unit"))
    days_before = models.SmallIntegerField(_("days before the deadline"))
    deadline = models.DateField(_("deadline reminded of"))
    due_date = models.DateField(_("due on"))
    message = models.OneToOneField(
        "units.OutboxMessage", on_delete=models.PROTECT, related_name="reminder", verbose_name=_("e-mail")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["due_date", "unit"]
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["year_plan", "unit", "days_before", "due_date"], name="reminder_once_per_unit_kind_date"
            ),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.days_before} {self.due_date}"

    @property
    def label(self):
        if self.days_before == self.OVERDUE:
            return _("After the missed deadline")
        if self.days_before == 0:
            return _("On the deadline day")
        return _("%(days)s day(s) before the deadline") % {"days": self.days_before}
