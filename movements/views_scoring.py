"""Pages of the unit scoring: the sheet and the ranking (secretariat, council), each unit's score (the unit, its
cluster head, the secretariat)."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from movements.enums import ScoreState
from movements.models import ClusterYear, UnitScore
from movements.scoring import (
    can_cluster_review,
    cluster_rankings,
    ranking,
    score_preview,
    scoring_sheet_create,
    sheet_with_criteria,
    unit_score_approve,
    unit_score_cluster_review,
    unit_score_self,
    unit_score_start,
)
from movements.selectors import plan_for
from reports.enums import ReportKind
from reports.services import report_request
from units.attachments import AttachmentsField, attachments_add, attachments_of
from units.enums import Role
from units.models import Cluster, Unit
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin


class ScoringView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/scoring.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        sheet = sheet_with_criteria(plan)
        context = {**super().get_context_data(**kwargs), "plan": plan, "sheet": sheet}
        if sheet:
            clusters = list(Cluster.objects.filter(province=plan.province).order_by("name"))
            leaders = {
                c.cluster_id: c
                for c in ClusterYear.objects.filter(year_plan=plan).select_related("head_unit", "deputy_unit")
            }
            rows = ranking(sheet)
            per_cluster = cluster_rankings(sheet, rows)
            context.update(
                province_ranking=rows,
                clusters=[(cluster, leaders.get(cluster.pk), per_cluster.get(cluster.pk, [])) for cluster in clusters],
            )
        return context


class ScoringSheetCreateView(SecretariatRequiredMixin, View):
    def post(self, request, plan):
        plan = plan_for(request.user, plan)
        try:
            scoring_sheet_create(year_plan=plan, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The scoring sheet was created; edit its criteria in the administration."))
        return redirect("movements:scoring", plan=plan.pk)


class ScoringDocumentView(SecretariatRequiredMixin, View):
    def post(self, request, plan):
        plan = plan_for(request.user, plan)
        report_request(kind=ReportKind.SCORING_RESULTS, year_plan=plan, actor=request.user)
        messages.success(request, _("The document is being generated; this page shows when it is ready."))
        return redirect("reports:plan_reports", plan=plan.pk)


class ScoringExportView(RoleRequiredMixin, View):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)

    def get(self, request, plan):
        from reports.xlsx import workbook_response

        plan = plan_for(request.user, plan)
        sheet = sheet_with_criteria(plan)
        if sheet is None:
            raise Http404
        rows = [
            [
                row.rank,
                row.unit.name,
                row.unit.cluster.name if row.unit.cluster_id else "",
                float(row.total),
                row.band.name if row.band else "",
                row.score.get_state_display() if row.score else "",
            ]
            for row in ranking(sheet)
        ]
        header = [_("Rank"), _("Unit"), _("Cluster"), _("Points"), _("Classification"), _("State")]
        return workbook_response(f"cham-diem-thi-dua-{plan.year}.xlsx", sheet.name, header, rows)


def _values(request, criteria, text_required=False):
    values = {}
    for criterion in criteria:
        raw = request.POST.get(f"points_{criterion.pk}", "").strip().replace(",", ".")
        if raw == "":
            continue
        try:
            points = Decimal(raw)
            if not points.is_finite():
                raise InvalidOperation
        except InvalidOperation as error:
            raise ValidationError(
                _("“%(criterion)s”: the points must be a number.") % {"criterion": criterion.name}
            ) from error
        values[criterion.pk] = (points, request.POST.get(f"text_{criterion.pk}", ""))
    return values


class UnitScoreView(RoleRequiredMixin, TemplateView):
    """One unit's score: the unit scores itself, its cluster head then the secretariat review."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/unit_score.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = plan_for(request.user, kwargs["plan"])
            self.unit = get_object_or_404(Unit.objects.filter(province_id=self.plan.province_id), pk=kwargs["unit"])
            self.sheet = sheet_with_criteria(self.plan)
            self.score = UnitScore.objects.filter(sheet=self.sheet, unit=self.unit).first() if self.sheet else None
            user = request.user
            own = user.is_officer and user.unit_id == self.unit.pk
            head = user.is_officer and self.score is not None and can_cluster_review(user, self.score)
            if user.is_officer and not (own or head):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def stage(self) -> str:
        """What the current user may do on this score now."""
        user, score = self.request.user, self.score
        if score is None:
            return ""
        if score.state == ScoreState.DRAFT and user.is_officer and user.unit_id == self.unit.pk:
            return "self"
        if score.state == ScoreState.SELF_SCORED and can_cluster_review(user, score):
            return "cluster"
        if score.state == ScoreState.CLUSTER_REVIEWED and user.is_secretariat:
            return "approve"
        return ""

    def can_start(self) -> bool:
        user = self.request.user
        own = user.is_officer and user.unit_id == self.unit.pk
        return bool(self.sheet and self.score is None and (own or user.is_secretariat))

    def get_context_data(self, **kwargs):
        rows, self_total = score_preview(self.score) if self.score else ([], None)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "unit": self.unit,
            "sheet": self.sheet,
            "score": self.score,
            "rows": rows,
            "self_total": self_total,
            "can_start": self.can_start(),
            "stage": self.stage(),
            "files_field": AttachmentsField(),
            "attachments": attachments_of(self.score) if self.score else [],
        }

    def post(self, request, *args, **kwargs):
        if "start" in request.POST:
            if not self.can_start():
                raise Http404
            unit_score_start(sheet=self.sheet, unit=self.unit, actor=request.user)
            return redirect("movements:unit_score", plan=self.plan.pk, unit=self.unit.pk)
        stage = self.stage()
        if not stage:
            raise Http404
        criteria = [row.criterion for row in self.score.criterion_scores.select_related("criterion")]
        try:
            values = _values(request, criteria)
            if stage == "self":
                files = AttachmentsField().clean(request.FILES.getlist("files"))
                unit_score_self(score=self.score, actor=request.user, values=values, submit="submit" in request.POST)
                attachments_add(owner=self.score, files=files, actor=request.user, unit=self.unit)
            elif stage == "cluster":
                unit_score_cluster_review(score=self.score, actor=request.user, values=values)
            else:
                unit_score_approve(score=self.score, actor=request.user, values=values)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return self.get(request, *args, **kwargs)
        messages.success(request, _("The score was saved."))
        return redirect("movements:unit_score", plan=self.plan.pk, unit=self.unit.pk)
