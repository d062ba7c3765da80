import re
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from movements.selectors import plan_for
from registrations.enums import NOT_STARTED, NOT_STARTED_LABEL, RegistrationState
from registrations.exports import overview_workbook, unit_registration_workbook
from registrations.forms import (
    ApplyToAllForm,
    ExtensionForm,
    RegistrationForm,
    ReturnForm,
    SupplementaryForm,
    apply_to_empty,
    posted_fields,
    sheet_rows,
)
from registrations.models import Registration
from registrations.reminders import MANUAL, reminders_send_now
from registrations.selectors import (
    OVERVIEW_SORTS,
    OVERVIEW_STATES,
    overview_filter,
    overview_mark_late,
    overview_submitted_totals,
    overview_version,
    registration_overview,
    registration_sheet,
    reminder_job_last_run,
    reminder_log,
    state_counts,
    submission_preview,
)
from registrations.services import (
    deadline_extension_grant,
    registration_add_supplementary,
    registration_return,
    registration_save_draft,
    registration_submit,
)
from units.enums import Role
from units.models import Staff, Unit
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin, UnitMemberMixin, can_act_for_unit
from units.selectors import audit_trail
from units.views_mixins import ServiceFormMixin, int_or_none, run_service
from units.xlsx import xlsx_response


class PlanUnitMixin:
    """Loads the year plan and the unit from the URL, both through the user's scope (404 outside it)."""

    def load(self):
        user = self.request.user
        self.plan = plan_for(user, self.kwargs["plan"])
        self.unit = get_object_or_404(
            Unit.objects.for_user(user).filter(province_id=self.plan.province_id), pk=self.kwargs["unit"]
        )


def state_label(state: str) -> str:
    return NOT_STARTED_LABEL if state == NOT_STARTED else RegistrationState(state).label


class RegistrationSheetView(PlanUnitMixin, RoleRequiredMixin, ServiceFormMixin, TemplateView):
    """A unit's registration for a year: the officer fills and submits it, others read it."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "registrations/sheet.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load()
        return super().dispatch(request, *args, **kwargs)

    def can_edit(self):
        return self.request.user.is_officer and self.unit.pk == self.request.user.unit_id

    def can_supplement(self):
        """The unit's officers and the secretariat may add people who came after the submission."""
        user = self.request.user
        return (user.is_officer or user.is_secretariat) and can_act_for_unit(user, self.unit)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet = getattr(self, "sheet", None) or registration_sheet(unit=self.unit, year_plan=self.plan)
        editable = self.can_edit() and sheet.is_editable
        can_supplement = sheet.state == RegistrationState.SUBMITTED and self.can_supplement()
        context.update(
            plan=self.plan,
            unit=self.unit,
            sheet=sheet,
            state_label=state_label(sheet.state),
            editable=editable,
            form=form,
            rows=form.rows()
            if form is not None
            else (SimpleLazyObject(lambda: sheet_rows(sheet)) if editable else None),
            cache_table=form is None,
            is_secretariat=self.request.user.is_secretariat,
            can_supplement=can_supplement,
            supplementary=sheet.supplementary_candidates if can_supplement else [],
            supplementary_choices=SimpleLazyObject(
                lambda: [("", _("— choose —")), *((str(t.pk), t.name) for t in sheet.individual_titles)]
            ),
            apply_form=ApplyToAllForm(),
            return_form=ReturnForm(),
            extension_form=ExtensionForm(),
            history=self.history(sheet.registration),
        )
        return context

    def history(self, registration):
        if registration is None:
            return []
        return audit_trail(registration, exclude_actions=("registration.save",), limit=20)

    def post(self, request, *args, **kwargs):
        if not self.can_edit():
            raise Http404
        self.sheet = registration_sheet(unit=self.unit, year_plan=self.plan)
        data, self.applied = request.POST, None
        if "apply_all" in request.POST:
            apply_form = ApplyToAllForm(request.POST)
            if not apply_form.is_valid():
                messages.error(request, " ".join(apply_form.errors["apply_title"]))
                return self.render_to_response(self.get_context_data(form=RegistrationForm(data, sheet=self.sheet)))
            title = apply_form.cleaned_data["apply_title"]
            data, filled = apply_to_empty(request.POST, sheet=self.sheet, title=title)
            self.applied = (title, filled)
        form = RegistrationForm(data, sheet=self.sheet)
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below; nothing was saved."))
            return self.render_to_response(self.get_context_data(form=form))
        if "edit" in request.POST:  # back from the confirmation step, as filled in
            return self.render_to_response(self.get_context_data(form=form))
        # Sending asks once (what is counted, who is e-mailed, that it locks); an incomplete or closed sheet goes
        # straight to the service, which says what is wrong.
        if "submit" in request.POST and "confirmed" not in request.POST and self.sheet.is_editable:
            choices = {line.staff_id: line.title_id for line in form.line_inputs()}
            preview = submission_preview(self.sheet, choices, actor=request.user)
            if not preview.missing:
                context = self.get_context_data(form=form)
                context.update(confirmation=preview, carried=posted_fields(form))
                return self.render_to_response(context)
        return self.form_valid(form)

    def form_done(self, form):
        submit = "submit" in self.request.POST and "apply_all" not in self.request.POST
        service = registration_submit if submit else registration_save_draft
        service(unit=self.unit, year_plan=self.plan, actor=self.request.user, lines=form.line_inputs())
        if submit:
            messages.success(self.request, _("The registration was submitted to the council secretariat."))
        elif self.applied:
            title, filled = self.applied
            messages.success(
                self.request,
                ngettext(
                    "“%(title)s” was applied to %(count)s person not yet filled; the draft was saved.",
                    "“%(title)s” was applied to %(count)s people not yet filled; the draft was saved.",
                    filled,
                )
                % {"title": title.name, "count": filled},
            )
        else:
            messages.success(self.request, _("The draft was saved."))
        return redirect("registrations:sheet", plan=self.plan.pk, unit=self.unit.pk)

    def form_invalid(self, form):
        """The service refused the lines: its reasons above the form, as filled in."""
        messages.error(self.request, _("Nothing was saved."))
        return self.render_to_response(self.get_context_data(form=form))


class RegistrationActionView(PlanUnitMixin, SecretariatRequiredMixin, View):
    """Base of the secretariat's actions on one unit's registration: POST a form, call a service, go back."""

    form_class = None

    def post(self, request, *args, **kwargs):
        self.load()
        form = self.form_class(request.POST)
        if form.is_valid():
            run_service(request, lambda: self.perform(form.cleaned_data), self.success_message)
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect("registrations:sheet", plan=self.plan.pk, unit=self.unit.pk)


class RegistrationReturnView(RegistrationActionView):
    form_class = ReturnForm
    success_message = _("The registration was returned to the unit.")

    def perform(self, data):
        registration = (
            Registration.objects.for_user(self.request.user).filter(unit=self.unit, year_plan=self.plan).first()
        )
        if registration is None:
            raise ValidationError(_("This unit has not registered yet; there is nothing to return."))
        registration_return(registration=registration, actor=self.request.user, reason=data["reason"])


class DeadlineExtensionView(RegistrationActionView):
    form_class = ExtensionForm
    success_message = _("The extension was granted.")

    def perform(self, data):
        deadline_extension_grant(
            unit=self.unit,
            year_plan=self.plan,
            new_deadline=data["new_deadline"],
            reason=data["reason"],
            actor=self.request.user,
        )


class RegistrationSupplementaryView(PlanUnitMixin, UnitMemberMixin, View):
    """Adds a person who came after the submission to the unit's submitted registration (the unit's officer or
    the secretariat); the registration stays submitted and locked."""

    def post(self, request, *args, **kwargs):
        self.load()
        form = SupplementaryForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return self.back()
        staff = get_object_or_404(Staff.objects.for_user(request.user), pk=form.cleaned_data["staff"])
        registration = Registration.objects.for_user(request.user).filter(unit=self.unit, year_plan=self.plan).first()
        if registration is None:
            messages.error(request, _("This unit has not submitted its registration yet; register the person in it."))
            return self.back()
        run_service(
            request,
            lambda: registration_add_supplementary(
                registration=registration, actor=request.user, staff=staff, title_id=form.cleaned_data["title"].pk
            ),
            _("%(name)s was added to the registration as a supplementary registration.") % {"name": staff.full_name},
        )
        return self.back()

    def back(self):
        return redirect("registrations:sheet", plan=self.plan.pk, unit=self.unit.pk)


# The overview's badge per state: short words, as the secretariat says them.
BADGES = {
    RegistrationState.SUBMITTED: (RegistrationState.SUBMITTED.label, "text-bg-success"),
    RegistrationState.DRAFT: (_lazy("Being drafted"), "text-bg-warning"),
    RegistrationState.RETURNED: (_lazy("Returned"), "text-bg-danger"),
    NOT_STARTED: (NOT_STARTED_LABEL, "text-bg-secondary"),
}


class RegistrationOverviewView(RoleRequiredMixin, TemplateView):
    """All units of the province for a year: state badge (and "late"), last change, counts per title; filters by
    state and lateness, sorts, and the secretariat's "Nhắc ngay" for one unit or every late unit."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "registrations/overview.html"

    def choices(self):
        """The filters and sort of the query string, each kept only if it is one the page offers."""
        query = self.request.GET
        state = query.get("state", "")
        sort = query.get("sort", "order")
        return {
            "state": state if state in OVERVIEW_STATES else "",
            "late": query.get("late") == "1",
            "sort": sort if sort in OVERVIEW_SORTS else "order",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = plan_for(self.request.user, self.kwargs["plan"])
        chosen = self.choices()

        def table():
            rows, titles, totals = registration_overview(plan)
            late_count = overview_mark_late(rows)
            for row in rows:
                row.state_label = state_label(row.state)
                row.badge, row.badge_class = BADGES[row.state]
            counts = state_counts(rows)
            shown = overview_filter(rows, **chosen)
            summary = [
                (state, state_label(state), counts.get(state, 0))
                for state in (
                    RegistrationState.SUBMITTED,
                    RegistrationState.RETURNED,
                    RegistrationState.DRAFT,
                    NOT_STARTED,
                )
            ]
            return {
                "rows": shown,
                "all_rows": rows,
                "titles": titles,
                "totals": totals,
                "submitted_totals": overview_submitted_totals(rows),
                "summary": summary,
                "late_count": late_count,
                "supplementary_total": sum(row.supplementary for row in rows),
            }

        can_remind = self.request.user.is_secretariat
        # The table is rendered from the cache while the plan's data has not changed (overview_version); the
        # filters, today (lateness changes at midnight) and whether the user may remind are part of the key.
        view_key = f"{chosen['state']}:{chosen['late']}:{chosen['sort']}:{timezone.localdate()}:{can_remind}"
        context.update(
            plan=plan,
            version=overview_version(plan),
            view_key=view_key,
            table=SimpleLazyObject(table),
            chosen=chosen,
            state_choices=[(state, BADGES[state][0]) for state in OVERVIEW_STATES],
            sort_choices=[("order", _("Unit order")), ("state", _("State")), ("sent", _("Time sent"))],
            can_remind=can_remind,
            click=uuid.uuid4().hex,
            query=self.request.GET.urlencode(),
        )
        return context


class RemindNowView(SecretariatRequiredMixin, View):
    """ "Nhắc ngay": e-mail one unit (``unit``) or every late unit (``all_late``) now, then back to the overview."""

    def post(self, request, plan):
        plan = plan_for(request.user, plan)
        click = request.POST.get("click", "")
        if not re.fullmatch(r"[0-9a-f]{32}", click):
            click = uuid.uuid4().hex  # a form without its token: this post is its own click
        unit_ids = None
        if "unit" in request.POST:
            unit = get_object_or_404(
                Unit.objects.for_user(request.user).filter(province_id=plan.province_id),
                pk=int_or_none(request.POST["unit"]),
            )
            unit_ids = [unit.pk]
        run_service(
            request,
            lambda: reminders_send_now(year_plan=plan, actor=request.user, click=click, unit_ids=unit_ids),
            remind_message,
        )
        back = reverse("registrations:overview", kwargs={"plan": plan.pk})
        query = QueryDict(request.POST.get("query", ""))
        kept = {key: query[key] for key in ("state", "late", "sort") if key in query}
        return redirect(f"{back}?{urlencode(kept)}" if kept else back)


def remind_message(result) -> str:
    """What "Nhắc ngay" did, in words: how many units were reminded, and how many had been reminded today."""
    if not result.reminded and not result.already:
        return _("No unit is late; nobody was reminded.")
    parts = []
    if result.reminded:
        parts.append(
            ngettext(
                "%(count)s unit was reminded by e-mail: %(units)s.",
                "%(count)s units were reminded by e-mail: %(units)s.",
                len(result.reminded),
            )
            % {"count": len(result.reminded), "units": ", ".join(u.display_name for u in result.reminded)}
        )
    if result.already:
        parts.append(
            ngettext(
                "%(count)s unit had already been reminded today and was not reminded again.",
                "%(count)s units had already been reminded today and were not reminded again.",
                len(result.already),
            )
            % {"count": len(result.already)}
        )
    return " ".join(parts)


class ReminderLogView(SecretariatRequiredMixin, TemplateView):
    """Which reminders went out to which unit, when, and which failed."""

    template_name = "registrations/reminders.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        context = super().get_context_data(**kwargs)
        reminders = list(reminder_log(plan))
        context.update(
            plan=plan,
            reminders=reminders,
            manual=MANUAL,
            job_last_run=reminder_job_last_run(),
            last_recorded=max((r.created_at for r in reminders), default=None),
        )
        return context


class RegistrationExportView(RoleRequiredMixin, View):
    """The overview page's table as .xlsx."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)

    def get(self, request, plan):
        plan = plan_for(request.user, plan)
        return xlsx_response(f"dang-ky-thi-dua-{plan.year}.xlsx", overview_workbook(plan))


class RegistrationSheetExportView(PlanUnitMixin, RoleRequiredMixin, View):
    """One unit's registration as .xlsx: every person with position and title (the unit's officers, the
    secretariat and the council; the unit through the user's scope)."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)

    def get(self, request, *args, **kwargs):
        self.load()
        sheet = registration_sheet(unit=self.unit, year_plan=self.plan)
        filename = f"dang-ky-thi-dua-{self.plan.year}-{self.unit.code}.xlsx"
        return xlsx_response(filename, unit_registration_workbook(sheet))
