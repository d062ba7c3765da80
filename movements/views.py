from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from movements.forms import (
    ExemplaryForm,
    ExemplarySelectForm,
    MovementForm,
    MovementReportForm,
    PledgeForm,
    YearPlanForm,
)
from movements.models import ExemplaryIndividual, Movement, MovementReport, Pledge, YearPlan
from movements.selectors import exemplary_overview, movement_participants, movements_for, plan_for, pledge_overview
from movements.services import (
    MOVEMENT_FIELDS,
    PLAN_FIELDS,
    PLAN_PROVISIONS,
    PLEDGE_FIELDS,
    exemplary_add,
    exemplary_remove,
    exemplary_select,
    movement_create,
    movement_report_return,
    movement_report_save,
    movement_update,
    pledge_save,
    year_plan_create,
    year_plan_update,
)
from registrations.forms import ReturnForm
from units.attachments import attachments_by_owner, attachments_of
from units.enums import Role
from units.models import Unit
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin


class YearPlanListView(RoleRequiredMixin, ListView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/plan_list.html"
    context_object_name = "plans"
    paginate_by = 30

    def get_queryset(self):
        return YearPlan.objects.for_user(self.request.user).select_related("province").order_by("-year")


class YearPlanFormView(SecretariatRequiredMixin, FormView):
    form_class = YearPlanForm
    template_name = "movements/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.plan = None
        if "plan" in kwargs and request.user.is_authenticated:
            self.plan = get_object_or_404(YearPlan.objects.for_user(request.user), pk=kwargs["plan"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.plan}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in PLAN_FIELDS + PLAN_PROVISIONS}
        try:
            if self.plan is None:
                if self.request.user.province is None:
                    raise ValidationError(_("Your account belongs to no provincial procuracy."))
                plan = year_plan_create(
                    province=self.request.user.province, year=form.cleaned_data["year"], actor=self.request.user, **data
                )
            else:
                plan = year_plan_update(plan=YearPlan.objects.get(pk=self.plan.pk), actor=self.request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The plan for %(year)s was saved.") % {"year": plan.year})
        return redirect("movements:plan_list")


# --- Movements -------------------------------------------------------------------------------------------------


class MovementListView(RoleRequiredMixin, ListView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/movement_list.html"
    context_object_name = "movements"
    paginate_by = 30

    def get_queryset(self):
        return movements_for(self.request.user).order_by("-start_date", "name", "pk")


class MovementFormView(SecretariatRequiredMixin, FormView):
    form_class = MovementForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.movement = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.movement = get_object_or_404(Movement.objects.for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        province = self.movement.province if self.movement else self.request.user.province
        return {**super().get_form_kwargs(), "instance": self.movement, "province": province}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Edit the movement") if self.movement else _("Launch an emulation movement"),
            cancel_url=reverse("movements:movement_list"),
            attachments=attachments_of(self.movement) if self.movement else [],
        )
        return context

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in MOVEMENT_FIELDS}
        units, files = form.cleaned_data["units"], form.cleaned_data["files"]
        try:
            if self.movement:
                movement = movement_update(
                    movement=self.movement, actor=self.request.user, units=units, files=files, **data
                )
            else:
                if self.request.user.province is None:
                    raise ValidationError(_("Your account belongs to no provincial procuracy."))
                movement = movement_create(
                    province=self.request.user.province, actor=self.request.user, units=units, files=files, **data
                )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The movement was saved."))
        return redirect("movements:movement_detail", pk=movement.pk)


class MovementDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/movement_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        movement = get_object_or_404(
            Movement.objects.for_user(self.request.user).select_related("province"), pk=self.kwargs["pk"]
        )
        context.update(movement=movement, attachments=attachments_of(movement))
        if self.request.user.is_officer:
            report = MovementReport.objects.filter(movement=movement, unit_id=self.request.user.unit_id).first()
            context.update(my_report=report, my_attachments=attachments_of(report) if report else [])
        else:
            rows = movement_participants(movement)
            files = attachments_by_owner(MovementReport, [row.report.pk for row in rows if row.report])
            context.update(
                rows=[(row, files.get(row.report.pk, []) if row.report else []) for row in rows],
                return_form=ReturnForm(),
            )
        return context


class MovementReportView(RoleRequiredMixin, FormView):
    """The officer's report on a movement: save a draft or submit."""

    allowed_roles = (Role.OFFICER,)
    form_class = MovementReportForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not request.user.is_officer:
                raise Http404  # reports are written by a unit's officer
            self.movement = get_object_or_404(Movement.objects.for_user(request.user), pk=kwargs["pk"])
            self.report = MovementReport.objects.filter(movement=self.movement, unit_id=request.user.unit_id).first()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"summary": self.report.summary} if self.report else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deadline = self.movement.report_deadline
        context.update(
            page_title=_("Report on “%(name)s”") % {"name": self.movement.name},
            page_intro=(_("Deadline: 23:59 on %(date)s.") % {"date": deadline.strftime("%d/%m/%Y")})
            if deadline
            else "",
            cancel_url=reverse("movements:movement_detail", kwargs={"pk": self.movement.pk}),
            attachments=attachments_of(self.report) if self.report else [],
            buttons=[("save", _("Save draft"), "btn-outline-primary"), ("submit", _("Submit"), "btn-primary")],
        )
        return context

    def form_valid(self, form):
        try:
            movement_report_save(
                movement=self.movement,
                unit=self.request.user.unit,
                actor=self.request.user,
                summary=form.cleaned_data["summary"],
                files=form.cleaned_data["files"],
                submit="submit" in self.request.POST,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The report was saved."))
        return redirect("movements:movement_detail", pk=self.movement.pk)


class MovementReportReturnView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        report = get_object_or_404(MovementReport.objects.for_user(request.user), pk=pk)
        form = ReturnForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Give the reason for returning the report."))
            movement_report_return(report=report, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report was returned to the unit."))
        return redirect("movements:movement_detail", pk=report.movement_id)


# --- Pledges ---------------------------------------------------------------------------------------------------


class PlanMixin:
    def load_plan(self):
        self.plan = plan_for(self.request.user, self.kwargs["plan"])

    def load_unit(self):
        self.unit = get_object_or_404(
            Unit.objects.for_user(self.request.user).filter(province_id=self.plan.province_id), pk=self.kwargs["unit"]
        )


class PledgeOverviewView(PlanMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/pledge_overview.html"

    def get_context_data(self, **kwargs):
        self.load_plan()
        rows = pledge_overview(self.plan)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "rows": rows,
            "unsigned": [row.unit for row in rows if row.pledge is None],
        }


class PledgeView(PlanMixin, RoleRequiredMixin, FormView):
    """A unit's pledge for the year: its officer records it, the secretariat reads it."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    form_class = PledgeForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load_plan()
            self.load_unit()
            self.pledge = Pledge.objects.filter(year_plan=self.plan, unit=self.unit).first()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.pledge}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Emulation pledge %(year)s – %(unit)s") % {"year": self.plan.year, "unit": self.unit.name},
            page_intro=_("Signed between the head of the unit and its trade union (plan, section III.3)."),
            attachments=attachments_of(self.pledge) if self.pledge else [],
        )
        return context

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in PLEDGE_FIELDS}
        try:
            pledge_save(
                year_plan=self.plan, unit=self.unit, actor=self.request.user, files=form.cleaned_data["files"], **data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The pledge was saved."))
        return redirect("movements:pledge", plan=self.plan.pk, unit=self.unit.pk)


# --- Exemplary individuals -------------------------------------------------------------------------------------


class ExemplaryOverviewView(PlanMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/exemplary_overview.html"

    def get_context_data(self, **kwargs):
        self.load_plan()
        rows = exemplary_overview(self.plan)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "rows": rows,
            "units_without": [row.unit for row in rows if not row.examples],
        }


class ExemplaryUnitView(PlanMixin, RoleRequiredMixin, FormView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    form_class = ExemplaryForm
    template_name = "movements/exemplary_unit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load_plan()
            self.load_unit()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}

    def get_context_data(self, **kwargs):
        examples = ExemplaryIndividual.objects.filter(year_plan=self.plan, unit=self.unit).select_related("staff")
        return {**super().get_context_data(**kwargs), "plan": self.plan, "unit": self.unit, "examples": examples}

    def form_valid(self, form):
        try:
            exemplary_add(
                year_plan=self.plan,
                staff=form.cleaned_data["staff"],
                actor=self.request.user,
                account=form.cleaned_data["account"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The exemplary individual was named."))
        return redirect("movements:exemplary_unit", plan=self.plan.pk, unit=self.unit.pk)


class ExemplaryWithdrawView(RoleRequiredMixin, TemplateView):
    """Asks for confirmation, then withdraws a named example."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    template_name = "confirm_delete.html"

    def get_example(self):
        return get_object_or_404(
            ExemplaryIndividual.objects.for_user(self.request.user).select_related("staff", "unit"),
            pk=self.kwargs["pk"],
        )

    def back(self, example):
        return reverse("movements:exemplary_unit", kwargs={"plan": example.year_plan_id, "unit": example.unit_id})

    def get_context_data(self, **kwargs):
        example = self.get_example()
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Withdraw an exemplary individual"),
            "question": _("Withdraw %(name)s from the exemplary individuals of %(year)s?")
            % {"name": example.staff.full_name, "year": example.year_plan.year},
            "cancel_url": self.back(example),
        }

    def post(self, request, pk):
        example = self.get_example()
        back = self.back(example)
        try:
            exemplary_remove(example=example, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Withdrawn."))
        return redirect(back)


class ExemplarySelectView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        example = get_object_or_404(ExemplaryIndividual.objects.for_user(request.user), pk=pk)
        form = ExemplarySelectForm(request.POST)
        form.is_valid()
        exemplary_select(
            example=example,
            actor=request.user,
            for_province=form.cleaned_data.get("selected_for_province", False),
            for_supreme=form.cleaned_data.get("presented_to_supreme", False),
        )
        messages.success(request, _("The council's selection was recorded."))
        return redirect("movements:exemplary_overview", plan=example.year_plan_id)
