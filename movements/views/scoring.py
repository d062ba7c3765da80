"""Pages of the unit scoring: the sheet and the ranking (secretariat, council) with its .xlsx and results document,
each unit's score (the unit, its cluster head, the secretariat)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from movements.enums import ScoreState
from movements.models import ScoringSheet, UnitScore
from movements.scoring import (
    can_cluster_review,
    score_preview,
    scoring_overview,
    scoring_sheet_create,
    scoring_version,
    sheet_with_criteria,
    unit_score_approve,
    unit_score_cluster_review,
    unit_score_self_save,
    unit_score_start,
)
from movements.scoring.forms import ScorePointsForm, ScoringSheetForm
from movements.scoring.services import scoring_sheet_locked, scoring_sheet_update
from movements.selectors import plan_for
from units.attachments import AttachmentsField, attachments_of
from units.enums import Role
from units.models import Unit
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin, run_service
from units.xlsx import workbook_response


class ScoringView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/scoring.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        # The rankings and the sheet are rendered from the cache until a score, a unit, a cluster, the sheet or
        # its parts change (one query decides); the buttons (per user, with their CSRF tokens) stay outside.
        version = scoring_version(plan)
        return {
            **super().get_context_data(**kwargs),
            "plan": plan,
            # Outside the fragment the page only asks whether there is a sheet.
            "sheet": ScoringSheet(pk=int(version.split(":", 1)[0]), year_plan=plan) if version else None,
            "cache_key": version,
            "data": SimpleLazyObject(lambda: scoring_overview(plan)),
        }


class ScoringSheetCreateView(SecretariatRequiredMixin, View):
    def post(self, request, plan):
        plan = plan_for(request.user, plan)
        run_service(
            request,
            lambda: scoring_sheet_create(year_plan=plan, actor=request.user),
            _("The scoring sheet was created; you can now edit its criteria."),
        )
        return redirect("movements:scoring", plan=plan.pk)


class ScoringSheetEditView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    """The secretariat edits the year's sheet: its name, groups, criteria and classification bands; read only once
    a unit has started its score."""

    template_name = "movements/scoring_sheet_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = plan_for(request.user, kwargs["plan"])
            self.sheet = get_object_or_404(
                ScoringSheet.objects.prefetch_related("groups__criteria", "bands__title"), year_plan=self.plan
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return ScoringSheetForm(data, sheet=self.sheet)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        # Errors beside fields: say above that nothing was saved (a service's refusal says so itself).
        field_errors = form.is_bound and (bool(form.errors) or any(any(fs.errors) for fs in form.formsets))
        return {
            **context,
            "plan": self.plan,
            "sheet": self.sheet,
            "locked": scoring_sheet_locked(self.sheet),
            "has_errors": field_errors and not form.non_field_errors(),
        }

    def form_done(self, form: ScoringSheetForm):
        scoring_sheet_update(sheet=self.sheet, actor=self.request.user, **form.rows())
        messages.success(self.request, _("The scoring sheet was saved."))
        return redirect("movements:scoring", plan=self.plan.pk)


class ScoringExportView(RoleRequiredMixin, View):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)

    def get(self, request, plan):
        plan = plan_for(request.user, plan)
        overview = scoring_overview(plan, clusters=False)
        if overview.sheet is None:
            raise Http404
        return workbook_response(
            f"cham-diem-thi-dua-{plan.year}.xlsx", overview.sheet.name, overview.export_header(), overview.export_rows()
        )


class UnitScoreView(RoleRequiredMixin, ServiceFormMixin, TemplateView):
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
        """What the current user may do on this score now: "self", "cluster", "approve" or nothing."""
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

    def get_context_data(self, form: ScorePointsForm | None = None, **kwargs):
        rows, self_total = score_preview(self.score) if self.score else ([], None)
        stage = self.stage()
        if stage:
            # The inputs of the stage: the unit's points and evidence, then the reviewers' points (starting from
            # the previous stage's) with an empty reason.
            stored_points = {
                "self": lambda row: row.self_points,
                "cluster": lambda row: row.self_points,
                "approve": lambda row: row.cluster_points if row.cluster_points is not None else row.self_points,
            }[stage]
            (form or ScorePointsForm(criteria=[])).inputs(
                rows,
                stored_points=stored_points,
                stored_text=(lambda row: row.evidence) if stage == "self" else (lambda row: ""),
            )
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "unit": self.unit,
            "sheet": self.sheet,
            "score": self.score,
            "rows": rows,
            "self_total": self_total,
            "can_start": self.can_start(),
            "stage": stage,
            "form_errors": form.non_field_errors() if form is not None else [],
            "has_errors": bool(form is not None and form.errors),
            "files_field": AttachmentsField(),
            "attachments": attachments_of(self.score) if self.score else [],
        }

    def post(self, request, *args, **kwargs):
        back = redirect("movements:unit_score", plan=self.plan.pk, unit=self.unit.pk)
        if "start" in request.POST:
            if not self.can_start():
                raise Http404
            unit_score_start(sheet=self.sheet, unit=self.unit, actor=request.user)
            return back
        stage = self.stage()
        if not stage:
            raise Http404
        criteria = [row.criterion for row in self.score.criterion_scores.select_related("criterion")]
        form = ScorePointsForm(request.POST, request.FILES, criteria=criteria, with_files=stage == "self")
        self.stage_now = stage
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_done(self, form: ScorePointsForm):
        """The stage's service (a refusal becomes the form's error above the sheet, what was typed stays)."""
        self.save(self.stage_now, form)
        messages.success(self.request, _("The score was saved."))
        return redirect("movements:unit_score", plan=self.plan.pk, unit=self.unit.pk)

    def form_invalid(self, form: ScorePointsForm):
        return self.render_to_response(self.get_context_data(form=form))

    def save(self, stage: str, form: ScorePointsForm) -> UnitScore:
        """The one service of the stage."""
        user, score, values = self.request.user, self.score, form.values
        if stage == "self":
            return unit_score_self_save(
                score=score, actor=user, values=values, submit="submit" in self.request.POST, files=form.uploads
            )
        if stage == "cluster":
            return unit_score_cluster_review(score=score, actor=user, values=values)
        return unit_score_approve(score=score, actor=user, values=values)
