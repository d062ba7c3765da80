from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from movements.models import YearPlan
from reports.enums import JobState, ReportKind
from reports.forms import SummaryRequestForm
from reports.models import ReportJob
from reports.services import report_request, report_retry
from units.enums import Role
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin


class PlanReportsView(SecretariatRequiredMixin, TemplateView):
    """The documents of a plan year: ask for one, follow its progress, download it."""

    template_name = "reports/plan_reports.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = get_object_or_404(
                YearPlan.objects.for_user(request.user).select_related("province"), pk=kwargs["plan"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = (
            ReportJob.objects.for_user(self.request.user)
            .filter(year_plan=self.plan)
            .select_related("requested_by")[:30]
        )
        context.update(
            plan=self.plan,
            jobs=jobs,
            form=form or SummaryRequestForm(),
            in_progress=any(job.state in (JobState.QUEUED, JobState.RUNNING) for job in jobs),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SummaryRequestForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        report_request(
            kind=ReportKind.REGISTRATION_SUMMARY, year_plan=self.plan, actor=request.user, params=form.params()
        )
        messages.success(request, _("The document is being generated; this page shows when it is ready."))
        return redirect("reports:plan_reports", plan=self.plan.pk)


class ReportRetryView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
        try:
            report_retry(job=job, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document is being generated again."))
        return redirect("reports:plan_reports", plan=job.year_plan_id)


class ReportDownloadView(SecretariatRequiredMixin, View):
    """Generated files are never served by the web server directly: only through this permission check."""

    def get(self, request, pk):
        job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk, state=JobState.DONE)
        try:
            handle = job.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=job.filename, content_type="application/pdf")


class SecretariatDashboardView(RoleRequiredMixin, TemplateView):
    """Registration progress, titles per unit, proposals by state and the scoring ranking; each chart from the
    same rows as its table."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        from movements.scoring import ranking, sheet_with_criteria
        from reports.charts import horizontal_bars, stacked_columns
        from reports.dashboards import lines_by_state, registration_progress, titles_per_unit

        plan = get_object_or_404(
            YearPlan.objects.for_user(self.request.user).select_related("province"), pk=self.kwargs["plan"]
        )
        progress = registration_progress(plan)
        per_unit = titles_per_unit(plan)
        states = lines_by_state(plan)
        sheet = sheet_with_criteria(plan)
        ranked = ranking(sheet) if sheet else []
        return {
            **super().get_context_data(**kwargs),
            "plan": plan,
            "progress": progress,
            "progress_chart": stacked_columns(
                "progress",
                [f"{p.day:%d/%m}" for p in progress],
                [
                    (_("Submitted"), [p.submitted for p in progress]),
                    (_("Draft"), [p.draft for p in progress]),
                    (_("Not started"), [p.not_started for p in progress]),
                ],
                title=_("Registration progress"),
            ),
            "per_unit": per_unit,
            "per_unit_chart": horizontal_bars(
                "titles",
                [(row.unit.display_name, [row.registered, row.proposed]) for row in per_unit],
                [_("Titles registered"), _("Lines proposed")],
                title=_("Titles per unit"),
            ),
            "states": states,
            "states_chart": horizontal_bars(
                "states",
                [(label, [count]) for _s, label, count in states],
                [_("Proposal lines")],
                title=_("Proposals by state"),
            ),
            "ranked": ranked,
            "ranking_chart": horizontal_bars(
                "ranking",
                [(row.unit.display_name, [row.total]) for row in ranked[:20]],
                [_("Points")],
                title=_("Scoring ranking"),
            )
            if ranked
            else "",
        }


class UnitDashboardView(RoleRequiredMixin, TemplateView):
    """A unit's deadlines and their state, what is missing, its score and rank."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "reports/unit_dashboard.html"

    def get_context_data(self, **kwargs):
        from reports.dashboards import unit_dashboard
        from units.models import Unit

        plan = get_object_or_404(
            YearPlan.objects.for_user(self.request.user).select_related("province"), pk=self.kwargs["plan"]
        )
        unit = get_object_or_404(
            Unit.objects.for_user(self.request.user).filter(province_id=plan.province_id), pk=self.kwargs["unit"]
        )
        return {**super().get_context_data(**kwargs), "plan": plan, "unit": unit, **unit_dashboard(plan, unit)}
