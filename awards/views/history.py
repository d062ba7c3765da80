from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from awards.enums import AwardStatus
from awards.forms import RevokeForm
from awards.models import AwardRecord, Title
from awards.selectors import award_history
from awards.services.decisions import award_revoke
from awards.views.common import int_or_none
from units.enums import Role
from units.models import Unit
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin


class AwardHistoryView(RoleRequiredMixin, ListView):
    """Searchable award history of the province: by person (accent-free), unit, title, year, decision number."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/history.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        params = self.request.GET
        self.filters = {
            "query": (params.get("q") or "").strip()[:100],
            "year": int_or_none(params.get("year")),
            "title_id": int_or_none(params.get("title")),
            "unit_id": int_or_none(params.get("unit")),
            "decision": (params.get("decision") or "").strip()[:50],
            "staff_id": int_or_none(params.get("staff")),
        }
        return award_history(self.request.user, **self.filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=self.filters,
            titles=Title.objects.all(),
            units=Unit.objects.for_user(self.request.user).order_by("display_order", "sort_key"),
            query_string=query.urlencode(),
        )
        return context


class AwardRevokeView(SecretariatRequiredMixin, FormView):
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

    def form_valid(self, form):
        try:
            award_revoke(award=self.award, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The award was revoked."))
        return redirect(f"{reverse('awards:history')}?staff={self.award.staff_id or ''}")
