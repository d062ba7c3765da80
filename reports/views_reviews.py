"""The year-end and six-month reviews (plan II.2.8 "sơ kết, tổng kết"): the figures on a page, the report as .docx
to finish in Word and as a Decree 30 PDF. The province's review is the secretariat's; a unit's is its officers'
and the secretariat's (another unit's answers 404)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.views.generic import TemplateView, View

from movements.selectors import plan_for
from reports.docx import report_docx
from reports.enums import ReportKind
from reports.pdf import render_parts
from reports.reviews import review_blocks, review_document, review_figures, review_filename, review_header
from reports.services import report_request
from units.enums import Role
from units.models import Unit
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin, has_role

INTERIM = "interim"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReviewMixin:
    """The plan, the unit (None: the province) and the period of the request (``?period=interim``: six months)."""

    def load(self, request, kwargs, *, data=None):
        self.plan = plan_for(request.user, kwargs["plan"])
        self.unit = None
        if "unit" in kwargs:
            units = Unit.objects.for_user(request.user).filter(province_id=self.plan.province_id)
            self.unit = get_object_or_404(units, pk=kwargs["unit"])
        self.interim = (data if data is not None else request.GET).get("period") == INTERIM

    def urls(self) -> dict:
        args = {"plan": self.plan.pk} | ({"unit": self.unit.pk} if self.unit is not None else {})
        prefix = "reports:unit_review" if self.unit is not None else "reports:review"
        query = f"?period={INTERIM}" if self.interim else ""
        return {
            "year": reverse(prefix, kwargs=args),
            "interim": reverse(prefix, kwargs=args) + f"?period={INTERIM}",
            "docx": reverse(f"{prefix}_docx", kwargs=args) + query,
            "pdf": reverse(f"{prefix}_pdf", kwargs=args),
        }


class ReviewPageView(ReviewMixin, RoleRequiredMixin, TemplateView):
    """The review's figures as the report will say them, with the two downloads."""

    template_name = "reports/review.html"

    def get(self, request, *args, **kwargs):
        self.load(request, kwargs)
        chosen = request.GET.get("unit", "")
        if self.unit is None and chosen.isdigit():
            # The unit chooser of the province's page: the unit's own review, same period.
            units = Unit.objects.for_user(request.user).filter(province_id=self.plan.province_id)
            unit = get_object_or_404(units, pk=chosen)
            url = reverse("reports:unit_review", kwargs={"plan": self.plan.pk, "unit": unit.pk})
            return redirect(url + (f"?period={INTERIM}" if self.interim else ""))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        figures = review_figures(self.plan, self.unit, interim=self.interim)
        with translation.override("vi"):
            blocks = review_blocks(figures)
        secretariat = has_role(self.request.user, Role.SECRETARIAT)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "unit": self.unit,
            "interim": self.interim,
            "blocks": blocks,
            "urls": self.urls(),
            "secretariat": secretariat,
            "units": list(Unit.objects.for_user(self.request.user).filter(province_id=self.plan.province_id).active())
            if secretariat
            else [],
        }


class ProvinceReviewView(SecretariatRequiredMixin, ReviewPageView):
    pass


class UnitReviewView(ReviewPageView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)


class ReviewDocxView(ReviewMixin, RoleRequiredMixin, View):
    """GET: the review as .docx, the date and number left blank for the unit to fill in Word."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)

    def get(self, request, *args, **kwargs):
        self.load(request, kwargs)
        figures = review_figures(self.plan, self.unit, interim=self.interim)
        with translation.override("vi"):
            data = report_docx(review_header(figures, issued_on=None), review_blocks(figures))
        response = HttpResponse(data, content_type=DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{review_filename(figures, "docx")}"'
        return response


class ProvinceReviewDocxView(SecretariatRequiredMixin, ReviewDocxView):
    pass


class ReviewPdfView(ReviewMixin, RoleRequiredMixin, View):
    """POST: the review as a PDF. The secretariat's goes through the report jobs (``ReportKind.YEAR_REVIEW`` or
    ``INTERIM_REVIEW``) to the documents page; an officer, who has no documents page, gets the unit's PDF from
    the same builder at once (a unit's review is a few pages)."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)

    def post(self, request, *args, **kwargs):
        self.load(request, kwargs, data=request.POST)
        kind = ReportKind.INTERIM_REVIEW if self.interim else ReportKind.YEAR_REVIEW
        if has_role(request.user, Role.SECRETARIAT):
            params = {"unit": self.unit.pk} if self.unit is not None else {}
            report_request(kind=kind, year_plan=self.plan, actor=request.user, params=params)
            return redirect("reports:plan_reports", plan=self.plan.pk)
        spec = review_document(self.plan, self.unit, interim=self.interim)
        pdf, _pages = render_parts(list(spec.parts))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{spec.filename}"'
        return response


class ProvinceReviewPdfView(SecretariatRequiredMixin, ReviewPdfView):
    pass
