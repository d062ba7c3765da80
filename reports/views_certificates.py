"""The certificates of a decision (awards/views/certificates.py is their page): the preview PDF, rendered in the
request, and "print all", which gives the register numbers and queues the PDF as a report job."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from awards.enums import CertificateKind
from awards.models import Decision
from awards.services.certificates import PRINTED_KINDS
from reports.documents_certificates import certificates_document
from reports.pdf import render_parts
from reports.services_certificates import certificates_print
from units.permissions import SecretariatRequiredMixin

PREVIEW_SHEETS = 3


def printable_decision(user, pk) -> Decision:
    decision = get_object_or_404(
        Decision.objects.for_user(user).select_related("year_plan__province", "province"), pk=pk
    )
    if decision.kind not in PRINTED_KINDS or decision.issued_on is None:
        raise Http404
    return decision


class CertificatePreviewView(SecretariatRequiredMixin, View):
    """The first certificates of one kind on the layout, with the paper's printed frame drawn in light grey."""

    def get(self, request, pk):
        decision = printable_decision(request.user, pk)
        kind = request.GET.get("kind")
        if kind not in CertificateKind.values:
            kind = None
        spec = certificates_document(decision, preview=True, kind=kind, limit=PREVIEW_SHEETS)
        pdf, _pages = render_parts(spec.parts, page_numbers=False)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{spec.filename}"'
        return response


class CertificatePrintView(SecretariatRequiredMixin, View):
    """ "In tất cả", after its confirmation (awards:certificates_confirm): numbers, then the job."""

    def post(self, request, pk):
        decision = printable_decision(request.user, pk)
        try:
            certificates_print(decision=decision, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("awards:certificates", pk=decision.pk)
        return redirect("reports:plan_reports", plan=decision.year_plan_id)
