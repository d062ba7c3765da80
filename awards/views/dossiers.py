"""The dossier of a forwarding submission (issue 16): its section on the submission's page, assembling, downloading
and sending it. The secretariat's; others answer 404."""

import hashlib

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from awards import dossiers as rules
from awards.enums import DecisionKind, DossierState
from awards.models import Decision, Dossier
from awards.services.consultations import consultation_problems
from awards.services.dossiers import dossier_build, dossier_send, dossier_status, send_problems
from units.permissions import SecretariatRequiredMixin
from units.views_mixins import run_service


def _submission(user, pk, *, forwarding=True) -> Decision:
    """The decision in the user's scope (404 outside it); a forwarding submission unless ``forwarding`` is False
    (the request to assemble, which the service refuses in words for any other kind)."""
    decisions = Decision.objects.for_user(user).select_related("year_plan", "province")
    if forwarding:
        decisions = decisions.filter(kind=DecisionKind.FORWARDING)
    return get_object_or_404(decisions, pk=pk)


def _back(decision) -> str:
    return reverse("awards:decision_detail", kwargs={"pk": decision.pk}) + "#dossier"


def dossier_section(decision: Decision) -> dict:
    """The "Hồ sơ trình" section of a forwarding submission's page: the checklist, the state of the .zip, the
    consultation's gate and the higher level's answers recorded for its lines."""
    lines = rules.decision_lines_of(decision)
    items = rules.dossier_checklist(decision, lines)
    dossier = Dossier.objects.filter(decision=decision).select_related("sent_by").first()
    status = dossier_status(dossier, items, lines)
    answers = (
        Decision.objects.filter(kind=DecisionKind.EXTERNAL, decision_lines__line__in=lines)
        .distinct()
        .order_by("issued_on", "pk")
    )
    missing = sum(len(item.problems) for item in items)
    return {
        "dossier": dossier,
        "dossier_sent": dossier is not None and dossier.state == DossierState.SENT,
        "dossier_items": items,
        "dossier_missing": missing,
        "dossier_status": status,
        "dossier_consultation": consultation_problems(decision),
        "dossier_answers": list(answers),
        "dossier_documents": len((dossier.manifest or {}).get("documents", [])) if dossier else 0,
    }


class DossierBuildView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        decision = _submission(request.user, pk, forwarding=False)
        run_service(
            request,
            lambda: dossier_build(decision=decision, actor=request.user),
            _("The dossier is being assembled; it is ready in a moment."),
        )
        return redirect(_back(decision))


class DossierDownloadView(SecretariatRequiredMixin, View):
    def get(self, request, pk):
        decision = _submission(request.user, pk)
        dossier = Dossier.objects.filter(decision=decision).first()
        if dossier is None or not dossier.file:
            raise Http404
        with dossier.file.open("rb") as handle:
            data = handle.read()
        if hashlib.sha256(data).hexdigest() != dossier.checksum:
            messages.error(request, _("The stored dossier does not match its checksum: assemble it again."))
            return redirect(_back(decision))
        name = f"ho-so-{rules.ascii_name(decision.number or str(decision.pk), 30)}.zip"
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DossierSendView(SecretariatRequiredMixin, TemplateView):
    """GET: what is sent and that it locks, or what still stops it; POST: send."""

    template_name = "awards/dossiers/send.html"

    def get_context_data(self, **kwargs):
        decision = _submission(self.request.user, self.kwargs["pk"])
        dossier = Dossier.objects.filter(decision=decision).first()
        if dossier is None:
            raise Http404
        manifest = dossier.manifest or {}
        return {
            **super().get_context_data(**kwargs),
            "decision": decision,
            "dossier": dossier,
            "dossier_sent": dossier.state == DossierState.SENT,
            "problems": send_problems(dossier) if dossier.state == DossierState.DRAFT else [],
            "documents": manifest.get("documents", []),
            "candidates": manifest.get("candidates", []),
            "cancel_url": _back(decision),
        }

    def post(self, request, pk):
        decision = _submission(request.user, pk)
        dossier = get_object_or_404(Dossier, decision=decision)
        run_service(
            request,
            lambda: dossier_send(dossier=dossier, actor=request.user),
            _("The dossier was recorded as sent to the higher level; it is locked."),
        )
        return redirect(_back(decision))
