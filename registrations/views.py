from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from movements.selectors import plan_for
from registrations.enums import NOT_STARTED, NOT_STARTED_LABEL, RegistrationState
from registrations.exports import overview_workbook
from registrations.forms import ExtensionForm, RegistrationForm, ReturnForm, SupplementaryForm, sheet_rows
from registrations.models import Registration
from registrations.selectors import (
    overview_version,
    registration_overview,
    registration_sheet,
    reminder_log,
    state_counts,
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
from units.views_mixins import ServiceFormMixin, run_service
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
        form = RegistrationForm(request.POST, sheet=self.sheet)
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below; nothing was saved."))
            return self.render_to_response(self.get_context_data(form=form))
        return self.form_valid(form)

    def form_done(self, form):
        submit = "submit" in self.request.POST
        service = registration_submit if submit else registration_save_draft
        service(unit=self.unit, year_plan=self.plan, actor=self.request.user, lines=form.line_inputs())
        if submit:
            messages.success(self.request, _("The registration was submitted to the council secretariat."))
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


class RegistrationOverviewView(RoleRequiredMixin, TemplateView):
    """All units of the province for a year: state, last change, counts per title."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "registrations/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = plan_for(self.request.user, self.kwargs["plan"])

        def table():
            rows, titles, totals = registration_overview(plan)
            for row in rows:
                row.state_label = state_label(row.state)
            counts = state_counts(rows)
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
                "rows": rows,
                "titles": titles,
                "totals": totals,
                "summary": summary,
                "supplementary_total": sum(row.supplementary for row in rows),
            }

        # The table is rendered from the cache while the plan's data has not changed (overview_version).
        context.update(plan=plan, version=overview_version(plan), table=SimpleLazyObject(table))
        return context


class ReminderLogView(SecretariatRequiredMixin, TemplateView):
    """Which reminders went out to which unit, when, and which failed."""

    template_name = "registrations/reminders.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        context = super().get_context_data(**kwargs)
        context.update(plan=plan, reminders=reminder_log(plan))
        return context


class RegistrationExportView(RoleRequiredMixin, View):
    """The overview page's table as .xlsx."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)

    def get(self, request, plan):
        plan = plan_for(request.user, plan)
        return xlsx_response(f"dang-ky-thi-dua-{plan.year}.xlsx", overview_workbook(plan))
