from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from awards.enums import AwardStatus
from awards.exports import history_table
from awards.forms import RevokeForm
from awards.imports import past_awards_check
from awards.models import AwardRecord
from awards.outlook import person_outlook
from awards.selectors import award_history, honour_roll
from awards.services.decisions import award_revoke
from movements.models import Title, YearPlan
from units.enums import ImportKind, Role
from units.forms import AwardImportForm
from units.models import ImportBatch, Staff, Unit
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin, int_or_none
from units.xlsx import workbook_response


class AwardHistoryView(RoleRequiredMixin, PagerMixin, ListView):
    """Searchable award history of the province: by person (accent-free), unit, title, year, decision number."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/history.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        self.filters = _history_filters(self.request.GET)
        return award_history(self.request.user, **self.filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=self.filters,
            titles=Title.objects.all(),
            # The history is the province's (AwardRecord.objects.for_user): so are the units to filter by.
            units=(Unit.objects.all() if user.is_admin else Unit.objects.filter(province_id=user.province_id)).order_by(
                "display_order", "sort_key"
            ),
            query_string=query.urlencode(),
        )
        return context


class AwardRevokeView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = RevokeForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.award = get_object_or_404(
                AwardRecord.objects.for_user(request.user)
                .filter(status=AwardStatus.VALID)
                .select_related("staff", "unit", "title"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Revoke an award: %(award)s") % {"award": self.award},
            "page_intro": _("The award stays in the history, marked revoked, with the revoking decision."),
            "cancel_url": reverse("awards:history"),
        }

    def form_done(self, form):
        award_revoke(award=self.award, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The award was revoked."))
        return redirect(f"{reverse('awards:history')}?staff={self.award.staff_id or ''}")


class AwardImportView(SecretariatRequiredMixin, FormView):
    """Upload a list of past award decisions; the check report follows, nothing is recorded before confirming."""

    form_class = AwardImportForm
    template_name = "units/import_upload.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.province_id is None:
            raise Http404  # an administrator outside any province has no award history to import into
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Import past award decisions from Excel"),
            "page_intro": _(
                "Awards conferred before the software was used, so that the titles that need earlier ones "
                "(consecutive years) can be proposed from the first year."
            ),
            "template_url": reverse("units:import_template", kwargs={"kind": ImportKind.PAST_AWARDS}),
            "recent": ImportBatch.objects.for_user(self.request.user)
            .filter(kind=ImportKind.PAST_AWARDS)
            .select_related("unit", "created_by")[:10],
        }

    def form_valid(self, form):
        batch = past_awards_check(
            province=self.request.user.province,
            upload=form.cleaned_data["file"],
            actor=self.request.user,
        )
        return redirect("units:import_detail", pk=batch.pk)


def _history_filters(params) -> dict:
    return {
        "query": (params.get("q") or "").strip()[:100],
        "year": int_or_none(params.get("year")),
        "title_id": int_or_none(params.get("title")),
        "unit_id": int_or_none(params.get("unit")),
        "decision": (params.get("decision") or "").strip()[:50],
        "staff_id": int_or_none(params.get("staff")),
    }


class AwardHistoryExportView(RoleRequiredMixin, View):
    """The award history as .xlsx, with the page's filters and all its rows."""

    allowed_roles = AwardHistoryView.allowed_roles

    def get(self, request):
        records = list(award_history(request.user, **_history_filters(request.GET)))
        visible = set(
            Staff.objects.for_user(request.user)
            .filter(pk__in={r.staff_id for r in records if r.staff_id})
            .values_list("pk", flat=True)
        )
        header, rows = history_table(records, birth_dates_of=visible)
        return workbook_response("lich-su-khen-thuong.xlsx", _("Award history"), header, rows)


class PersonHistoryView(RoleRequiredMixin, TemplateView):
    """A person's titles by year and what their history allows them to be proposed for next."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/person.html"

    def get_context_data(self, **kwargs):
        person = get_object_or_404(
            Staff.objects.for_user(self.request.user).select_related("unit"), pk=self.kwargs["pk"]
        )
        newest = YearPlan.objects.filter(province_id=person.unit.province_id).order_by("-year").first()
        year = int_or_none(self.request.GET.get("year")) or (newest.year if newest else timezone.localdate().year)
        rule_set, outlook = person_outlook(person, year)
        records = list(AwardRecord.objects.filter(staff=person).select_related("title", "unit").order_by("-year", "pk"))
        by_year = {}
        for record in records:
            by_year.setdefault(record.year, []).append(record)
        return {
            **super().get_context_data(**kwargs),
            "person": person,
            "by_year": sorted(by_year.items(), reverse=True),
            "year": year,
            "rule_set": rule_set,
            "outlook": outlook,
        }


class HonourRollView(RoleRequiredMixin, TemplateView):
    """The exemplary individuals the council selected and the people and collectives given the higher titles of a
    year, for spreading within the province (plan II.2.7)."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/honour_roll.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        years = honour_roll_years(user)
        year = int_or_none(self.request.GET.get("year")) or (years[0] if years else timezone.localdate().year)
        return {**super().get_context_data(**kwargs), "year": year, "years": years, **honour_roll(user, year)}


def honour_roll_years(user) -> list[int]:
    return list(
        AwardRecord.objects.for_user(user).valid().order_by("-year").values_list("year", flat=True).distinct()[:30]
    )
