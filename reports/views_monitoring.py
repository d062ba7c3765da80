"""The monitoring of the units' data entry (plan II.2.3): the trend per unit, taking a snapshot now and sending the
notice. For the statistics officer (``Role.STATISTICS``) and the secretariat; the services are
``reports.monitoring_services``, the reads ``reports.monitoring``."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from movements.selectors import plan_for
from reports.enums import ReportKind
from reports.models import ReportJob
from reports.monitoring import monitoring_trend, plan_periods
from reports.monitoring_services import notice_send, snapshot_take
from units.enums import Role
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin
from units.selectors import province_units
from units.views_mixins import run_service

MONITORS = (Role.SECRETARIAT, Role.STATISTICS)


class MonitoringView(RoleRequiredMixin, PagerMixin, ListView):
    """Each unit's completeness per month of the plan's year, the units that fell behind marked; the notices."""

    allowed_roles = MONITORS
    template_name = "reports/monitoring.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = plan_for(request.user, kwargs["plan"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return province_units(self.plan.province)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        periods = plan_periods(self.plan)
        rows = monitoring_trend(self.plan, list(context["object_list"]), periods)
        notices = (
            ReportJob.objects.for_user(self.request.user)
            .filter(year_plan=self.plan, kind=ReportKind.DATA_ENTRY_NOTICE)
            .select_related("requested_by")[:6]
        )
        context.update(
            plan=self.plan,
            periods=periods,
            rows=rows,
            latest=periods[-1] if periods else None,
            behind=sum(1 for row in rows if row.fell_behind),
            notices=list(notices),
            this_month=timezone.localdate().replace(day=1),
        )
        return context


class MonitoringSnapshotView(RoleRequiredMixin, View):
    """Take this month's snapshot now (the monthly job takes the month that ended on the 1st)."""

    allowed_roles = MONITORS

    def post(self, request, plan):
        year_plan = plan_for(request.user, plan)
        period = timezone.localdate().replace(day=1)
        run_service(
            request,
            lambda: snapshot_take(plan=year_plan, period=period, actor=request.user),
            lambda rows: (
                _("Snapshot of %(month)s taken for %(count)s units.") % {"month": f"{period:%m/%Y}", "count": len(rows)}
            ),
        )
        return redirect("reports:monitoring", plan=year_plan.pk)


class MonitoringNoticeView(RoleRequiredMixin, View):
    """Send the notice of the latest period: the PDF, and the bell and an e-mail to the units that fell behind."""

    allowed_roles = MONITORS

    def post(self, request, plan):
        year_plan = plan_for(request.user, plan)
        periods = plan_periods(year_plan)
        if not periods:
            messages.error(request, _("No snapshot has been taken for this year yet."))
            return redirect("reports:monitoring", plan=year_plan.pk)
        period = periods[-1]
        run_service(
            request,
            lambda: notice_send(plan=year_plan, period=period, actor=request.user),
            lambda result: (
                _("The notice of %(month)s is being generated; %(count)s unit(s) that fell behind told.")
                % {"month": f"{period:%m/%Y}", "count": len(result[1])}
            ),
        )
        return redirect("reports:monitoring", plan=year_plan.pk)
