"""The public consultation (lấy ý kiến) on the candidates for high awards: the intranet list and page that every
signed-in account of the province reads and comments on, and the secretariat's forms (open from the forwarding
submission's page, answer each comment, close after the window). The record's PDF is a ``reports`` view."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from awards.enums import ConsultationState, DecisionKind
from awards.models import Consultation, ConsultationComment, Decision
from awards.services.consultations import (
    COMMENT_MAX_LENGTH,
    consultation_answer,
    consultation_close,
    consultation_comment,
    consultation_comments,
    consultation_for,
    consultation_lines,
    consultation_open,
    consultation_rules,
    consultations_for,
    window_days,
)
from units.enums import Role
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin, run_service

# Every signed-in account of the province reads the consultation (the statistics officer through has_role).
ALL_ROLES = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
DATE_WIDGET = {"placeholder": "dd/mm/yyyy"}


class ConsultationOpenForm(forms.Form):
    opens_on = forms.DateField(label=gettext_lazy("Open from"), widget=forms.DateInput(attrs=DATE_WIDGET))
    closes_on = forms.DateField(label=gettext_lazy("Open until (inclusive)"), widget=forms.DateInput(attrs=DATE_WIDGET))
    notice = forms.CharField(
        label=gettext_lazy("Notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Shown above the list: what the consultation is about and where comments go."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CommentForm(forms.Form):
    line = forms.TypedChoiceField(label=gettext_lazy("About"), coerce=int, empty_value=None, required=False, choices=())
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write the comment.")},
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.lines = {line.pk: line for line in lines}
        self.fields["line"].choices = [("", _("The list as a whole"))] + [
            (line.pk, f"{line.subject_name} – {line.title.name}") for line in lines
        ]


class ConsultationListView(RoleRequiredMixin, PagerMixin, ListView):
    """The province's consultations, open first: every signed-in account of the province reads them."""

    allowed_roles = ALL_ROLES
    template_name = "awards/consultations/list.html"
    context_object_name = "consultations"
    paginate_by = 30

    def get_queryset(self):
        return consultations_for(self.request.user)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "today": timezone.localdate(),
            "is_secretariat": self.request.user.is_secretariat,
            "query_string": "",
        }


class ConsultationDetailView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """The candidates with their unit, position, award and achievements; the comment form while the window is
    open; the secretariat's view has every comment with an answer form, the others see their own."""

    allowed_roles = ALL_ROLES
    template_name = "awards/consultations/detail.html"
    form_class = CommentForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.consultation = consultation_for(request.user, kwargs["pk"])
            self.lines = consultation_lines(self.consultation.decision)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lines": self.lines}

    def get_context_data(self, **kwargs):
        consultation = self.consultation
        user = self.request.user
        today = timezone.localdate()
        secretariat = user.is_secretariat
        comments = consultation_comments(consultation, author=None if secretariat else user)
        is_open = consultation.state == ConsultationState.OPEN
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "decision": consultation.decision,
            "lines": self.lines,
            "comments": comments,
            "unanswered": sum(1 for comment in comments if not comment.answer),
            "days": window_days(consultation.opens_on, consultation.closes_on),
            "accepting": is_open and consultation.opens_on <= today <= consultation.closes_on,
            "not_yet": is_open and today < consultation.opens_on,
            "can_close": secretariat and is_open and today > consultation.closes_on,
            "is_secretariat": secretariat,
            "can_comment": user.province_id == consultation.decision.province_id,
        }

    def form_done(self, form):
        line = form.lines.get(form.cleaned_data["line"])
        consultation_comment(self.consultation, self.request.user, form.cleaned_data["text"], line=line)
        messages.success(self.request, _("Your comment was sent to the secretariat."))
        return redirect("awards:consultation_detail", pk=self.consultation.pk)


class ConsultationOpenView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    """Open the consultation from the forwarding submission's page: the window defaults to today and the length
    the rule set asks for (both ends counted)."""

    form_class = ConsultationOpenForm
    template_name = "awards/consultations/open.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_secretariat:
            self.decision = get_object_or_404(
                Decision.objects.for_user(request.user).select_related("year_plan"), pk=kwargs["pk"]
            )
            if self.decision.kind != DecisionKind.FORWARDING:
                raise Http404
            existing = Consultation.objects.filter(decision=self.decision).first()
            if existing is not None:
                return redirect("awards:consultation_detail", pk=existing.pk)
            self.rules = consultation_rules(self.decision)
            self.lines = consultation_lines(self.decision, self.rules)
        return super().dispatch(request, *args, **kwargs)

    def _days(self) -> int:
        return max((self.rules[line.title_id].consultation_days for line in self.lines), default=0)

    def get_initial(self):
        today = timezone.localdate()
        return {"opens_on": today, "closes_on": today + datetime.timedelta(days=max(self._days() - 1, 0))}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "decision": self.decision,
            "lines": self.lines,
            "days": self._days(),
            "cancel_url": reverse("awards:decision_detail", kwargs={"pk": self.decision.pk}),
        }

    def form_done(self, form):
        data = form.cleaned_data
        consultation = consultation_open(
            self.decision, data["opens_on"], data["closes_on"], data["notice"], self.request.user
        )
        messages.success(self.request, _("The consultation was opened; every account of the province was told."))
        return redirect("awards:consultation_detail", pk=consultation.pk)


class ConsultationAnswerView(SecretariatRequiredMixin, View):
    """The secretariat's answer to one comment (from the consultation's page)."""

    def post(self, request, pk):
        comment = get_object_or_404(
            ConsultationComment.objects.for_user(request.user).select_related("consultation"), pk=pk
        )
        run_service(
            request,
            lambda: consultation_answer(comment, request.POST.get("answer", ""), request.user),
            _("The answer was recorded."),
        )
        return redirect(f"{reverse('awards:consultation_detail', kwargs={'pk': comment.consultation_id})}#comment-{pk}")


class ConsultationCloseView(SecretariatRequiredMixin, TemplateView):
    """GET: what closing does, asked once (no JavaScript); POST: close."""

    template_name = "awards/consultations/close.html"

    def get_context_data(self, **kwargs):
        consultation = consultation_for(self.request.user, self.kwargs["pk"])
        comments = consultation_comments(consultation)
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "comments_count": len(comments),
            "unanswered": sum(1 for comment in comments if not comment.answer),
        }

    def post(self, request, pk):
        consultation = consultation_for(request.user, pk)
        run_service(
            request,
            lambda: consultation_close(consultation, request.user),
            _("The consultation was closed; its record can now be generated."),
        )
        return redirect("awards:consultation_detail", pk=pk)


__all__ = [
    "ConsultationAnswerView",
    "ConsultationCloseView",
    "ConsultationDetailView",
    "ConsultationListView",
    "ConsultationOpenView",
]
