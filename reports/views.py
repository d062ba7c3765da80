from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView, View

from awards.selectors import review_version
from movements.selectors import plan_for
from registrations.selectors import overview_version
from reports.dashboards import (
    inspections_version,
    meetings_version,
    scores_version,
    secretariat_dashboard,
    unit_dashboard,
    unit_dashboard_version,
)
from reports.enums import JobState, ReportKind
from reports.forms import SummaryRequestForm
from reports.models import ReportJob
from reports.services import report_request, report_retry, waiting_too_long
from units.enums import Role
from units.models import Unit
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import run_service


class PlanReportsView(SecretariatRequiredMixin, TemplateView):
    """The documents of a plan year: ask for one, follow its progress, download it."""

    template_name = "reports/plan_reports.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = plan_for(request.user, kwargs["plan"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = (
            ReportJob.objects.for_user(self.request.user)
            .filter(year_plan=self.plan)
            .select_related("requested_by")[:30]
        )
        jobs = list(jobs)
        now = timezone.now()
        for job in jobs:
            job.waiting = waiting_too_long(job, now)
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
        # No flash message: the page itself says a document is being made while one is (it may be done already).
        return redirect("reports:plan_reports", plan=self.plan.pk)


class ReportRetryView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
        run_service(request, lambda: report_retry(job=job, actor=request.user))  # the page shows the progress
        return redirect("reports:plan_reports", plan=job.year_plan_id)


class ReportDownloadView(RoleRequiredMixin, View):
    """Generated files are never served by the web server directly: only through this permission check. The
    statistics officer downloads the data-entry notices only (plan II.2.3)."""

    allowed_roles = (Role.SECRETARIAT, Role.STATISTICS)

    def get(self, request, pk):
        jobs = ReportJob.objects.for_user(request.user)
        if request.user.role == Role.STATISTICS:
            jobs = jobs.filter(kind=ReportKind.DATA_ENTRY_NOTICE)
        job = get_object_or_404(jobs, pk=pk, state=JobState.DONE)
        try:
            handle = job.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=job.filename, content_type="application/pdf")


class SecretariatDashboardView(RoleRequiredMixin, TemplateView):
    """The figures asked first (units submitted, days to the deadline, late units, lines awaiting review, the next
    meeting), then registration progress, titles per unit, proposals by state and the scoring ranking; each chart
    from the same rows as its table."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        # Rendered from the cache until a registration, a proposal line, a score, a meeting or the day changes
        # (bands edited in the admin show within the fragment's five minutes).
        version = ":".join(
            str(part)
            for part in (
                overview_version(plan),
                review_version(plan),
                scores_version(plan),
                meetings_version(plan),
                inspections_version(plan),
                timezone.localdate(),
            )
        )
        return {
            **super().get_context_data(**kwargs),
            "plan": plan,
            "cache_key": version,
            "data": SimpleLazyObject(lambda: secretariat_dashboard(plan)),
        }


class UnitDashboardView(RoleRequiredMixin, TemplateView):
    """A unit's deadlines and their state, what is missing, its score and rank."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "reports/unit_dashboard.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        unit = get_object_or_404(
            Unit.objects.for_user(self.request.user).filter(province_id=plan.province_id), pk=self.kwargs["unit"]
        )
        # Rendered from the cache until anything the page reads changes (one query decides, keyed on the unit).
        return {
            **super().get_context_data(**kwargs),
            "plan": plan,
            "unit": unit,
            "cache_key": f"{unit_dashboard_version(plan, unit)}:{plan.updated_at.isoformat()}",
            "data": SimpleLazyObject(lambda: unit_dashboard(plan, unit)),
        }
