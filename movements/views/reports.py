"""A unit's report on a movement: the officer writes and submits it, the secretariat may return it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from movements.forms import MovementReportForm, MovementReportReturnForm
from movements.models import Movement, MovementReport
from movements.services import movement_report_return, movement_report_save
from units.attachments import attachments_of
from units.enums import Role
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin, run_service


class MovementReportView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """The officer's report on a movement: save a draft or submit."""

    allowed_roles = (Role.OFFICER,)
    form_class = MovementReportForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not request.user.is_officer:
                raise Http404  # reports are written by a unit's officer
            self.movement = get_object_or_404(
                Movement.objects.for_user(request.user).filter(unit__isnull=True), pk=kwargs["pk"]
            )
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

    def form_done(self, form):
        movement_report_save(
            movement=self.movement,
            unit=self.request.user.unit,
            actor=self.request.user,
            summary=form.cleaned_data["summary"],
            files=form.cleaned_data["files"],
            submit="submit" in self.request.POST,
        )
        messages.success(self.request, _("The report was saved."))
        return redirect("movements:movement_detail", pk=self.movement.pk)


class MovementReportReturnView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        report = get_object_or_404(MovementReport.objects.for_user(request.user), pk=pk)
        form = MovementReportReturnForm(request.POST)
        if form.is_valid():
            run_service(
                request,
                lambda: movement_report_return(report=report, actor=request.user, reason=form.cleaned_data["reason"]),
                _("The report was returned to the unit."),
            )
        else:
            messages.error(request, _("Give the reason for returning the report."))
        return redirect("movements:movement_detail", pk=report.movement_id)
