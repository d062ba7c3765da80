"""A unit's own emulation work: its plan or programme for the year (the officer writes and submits it, the
secretariat sees every unit's and returns one with a reason) and the short-term movements it launches for its staff,
with their people's results (plan III.1, II.2.5)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from movements.enums import ReportState
from movements.models import Movement, MovementResult, UnitPlan
from movements.unit_forms import MovementResultForm, UnitMovementForm, UnitPlanForm, UnitPlanReturnForm
from movements.unit_selectors import unit_plan_late, unit_plan_overview
from movements.unit_services import (
    UNIT_MOVEMENT_FIELDS,
    UNIT_PLAN_FIELDS,
    movement_result_delete,
    movement_result_save,
    unit_movement_create,
    unit_movement_update,
    unit_plan_check_complete,
    unit_plan_kind,
    unit_plan_return,
    unit_plan_save,
)
from movements.views.plans import PlanMixin
from units.attachments import attachments_of
from units.enums import Role
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.selectors import audit_trail
from units.views_mixins import ServiceFormMixin, run_service


class UnitPlanOverviewView(PlanMixin, RoleRequiredMixin, TemplateView):
    """The secretariat's overview: every unit with its plan's state, the late ones marked, who has not sent one."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/unit_plan_overview.html"

    def get_context_data(self, **kwargs):
        self.load_plan()
        rows = unit_plan_overview(self.plan)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "rows": rows,
            "missing": [row.unit for row in rows if not row.submitted],
        }


class UnitPlanView(PlanMixin, RoleRequiredMixin, ServiceFormMixin, FormView):
    """A unit's plan or programme: its officer writes and submits it; the secretariat reads it and may return it."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    form_class = UnitPlanForm
    template_name = "movements/unit_plan.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load_plan()
            self.load_unit()
            if self.unit.kind.is_provincial_procuracy:
                raise Http404
            self.unit_plan = UnitPlan.objects.filter(year_plan=self.plan, unit=self.unit).first()
        return super().dispatch(request, *args, **kwargs)

    @property
    def writable(self) -> bool:
        user = self.request.user
        locked = self.unit_plan is not None and self.unit_plan.state == ReportState.SUBMITTED
        return (user.is_officer or user.is_admin) and not locked

    def post(self, request, *args, **kwargs):
        if not self.writable:
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.unit_plan}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            plan=self.plan,
            unit=self.unit,
            unit_plan=self.unit_plan,
            kind=self.unit_plan.get_kind_display()
            if self.unit_plan
            else dict(UnitPlan._meta.get_field("kind").choices)[unit_plan_kind(self.unit)],
            writable=self.writable,
            late=unit_plan_late(self.plan, self.unit_plan, timezone.localdate()),
            attachments=attachments_of(self.unit_plan) if self.unit_plan else [],
            history=audit_trail(self.unit_plan) if self.unit_plan else [],
            can_return=(user.is_secretariat or user.is_admin)
            and self.unit_plan is not None
            and self.unit_plan.state == ReportState.SUBMITTED,
            return_form=UnitPlanReturnForm(),
        )
        return context

    def form_done(self, form):
        """Saving writes the draft. Sending asks once first (without JavaScript): the draft is saved with its files,
        checked for what sending needs, and the page comes back with the confirmation; its button sends."""
        submit = "submit" in self.request.POST
        confirmed = submit and "confirmed" in self.request.POST
        unit_plan = unit_plan_save(
            year_plan=self.plan,
            unit=self.unit,
            actor=self.request.user,
            files=form.cleaned_data["files"],
            submit=confirmed,
            **{name: form.cleaned_data[name] for name in UNIT_PLAN_FIELDS},
        )
        if submit and not confirmed:
            self.unit_plan = unit_plan  # the draft is kept, with its files, whatever the check says
            unit_plan_check_complete(unit_plan, has_files=attachments_of(unit_plan).exists())
            return self.render_to_response(self.get_context_data(form=form, confirmation=self.confirmation(unit_plan)))
        messages.success(self.request, _("The plan was submitted.") if confirmed else _("The plan was saved."))
        return redirect("movements:unit_plan", plan=self.plan.pk, unit=self.unit.pk)

    def confirmation(self, unit_plan) -> dict:
        """What the confirmation says: what is sent, its files, who is told, and that it is locked after."""
        return {
            "files": [attachment.original_name for attachment in attachments_of(unit_plan)],
            "carried": [(name, getattr(unit_plan, name)) for name in UNIT_PLAN_FIELDS],
        }


class UnitPlanReturnView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        unit_plan = get_object_or_404(UnitPlan.objects.for_user(request.user), pk=pk)
        form = UnitPlanReturnForm(request.POST)
        if form.is_valid():
            run_service(
                request,
                lambda: unit_plan_return(unit_plan=unit_plan, actor=request.user, reason=form.cleaned_data["reason"]),
                _("The plan was returned to the unit."),
            )
        else:
            messages.error(request, _("Give the reason for returning the plan."))
        return redirect("movements:unit_plan", plan=unit_plan.year_plan_id, unit=unit_plan.unit_id)


# --- A unit's own movements -----------------------------------------------------------------------------------


class OwnMovementMixin:
    """The unit movement of the URL, in the officer's scope and of their unit, or 404."""

    def load_movement(self):
        self.movement = get_object_or_404(
            Movement.objects.for_user(self.request.user).filter(unit__isnull=False).select_related("unit"),
            pk=self.kwargs["pk"],
        )
        if not (self.request.user.is_admin or self.movement.unit_id == self.request.user.unit_id):
            raise Http404


class UnitMovementFormView(OwnMovementMixin, RoleRequiredMixin, ServiceFormMixin, FormView):
    """An officer launches (or edits) a short-term or thematic movement for the unit's own staff."""

    allowed_roles = (Role.OFFICER,)
    form_class = UnitMovementForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.movement = None
        if request.user.is_authenticated:
            if "pk" in kwargs:
                self.load_movement()
            elif not request.user.unit_id:
                raise Http404  # a unit launches its own movement
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.movement}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Edit the unit's movement") if self.movement else _("Launch a movement in the unit"),
            page_intro=_("A short-term or thematic movement for the unit's own staff (plan, section II.2.5)."),
            cancel_url=reverse("movements:movement_detail", kwargs={"pk": self.movement.pk})
            if self.movement
            else reverse("movements:movement_list"),
            attachments=attachments_of(self.movement) if self.movement else [],
        )
        return context

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in UNIT_MOVEMENT_FIELDS}
        files, user = form.cleaned_data["files"], self.request.user
        if self.movement:
            movement = unit_movement_update(movement=self.movement, actor=user, files=files, **data)
        else:
            movement = unit_movement_create(unit=user.unit, actor=user, files=files, **data)
        messages.success(self.request, _("The movement was saved."))
        return redirect("movements:movement_detail", pk=movement.pk)


class MovementResultFormView(OwnMovementMixin, RoleRequiredMixin, ServiceFormMixin, FormView):
    """The unit records a person's result in its movement (again for the same person: corrects it)."""

    allowed_roles = (Role.OFFICER,)
    form_class = MovementResultForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load_movement()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.movement.unit}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Result in “%(name)s”") % {"name": self.movement.name},
            page_intro=_("Recording a person again corrects their earlier result."),
            cancel_url=reverse("movements:movement_detail", kwargs={"pk": self.movement.pk}),
        )
        return context

    def form_done(self, form):
        movement_result_save(
            movement=self.movement,
            staff=form.cleaned_data["staff"],
            actor=self.request.user,
            result=form.cleaned_data["result"],
            outstanding=form.cleaned_data["outstanding"],
            ranking=form.cleaned_data["ranking"],
        )
        messages.success(self.request, _("The result was saved."))
        return redirect("movements:movement_detail", pk=self.movement.pk)


class MovementResultDeleteView(RoleRequiredMixin, View):
    allowed_roles = (Role.OFFICER,)

    def post(self, request, pk):
        result = get_object_or_404(
            MovementResult.objects.for_user(request.user).select_related("movement__unit", "staff"), pk=pk
        )
        run_service(
            request,
            lambda: movement_result_delete(result=result, actor=request.user),
            _("The result was removed."),
        )
        return redirect("movements:movement_detail", pk=result.movement_id)
