"""The certificates of an issued decision (giấy khen, bằng khen): the layout of each kind on the province's paper
(paper and offsets), its preview (``reports:certificates_preview``), and "print all" after a confirmation that
says which register numbers will be given (``reports:certificates_document`` numbers and queues the PDF)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from awards.enums import CertificateKind
from awards.forms_certificates import CertificateLayoutForm
from awards.models import Decision
from awards.services.certificates import (
    PRINTED_KINDS,
    certificate_kind,
    certificate_layout_save,
    certificate_records,
    layout_for,
    register_numbers_preview,
)
from units.numbers import number_text
from units.permissions import SecretariatRequiredMixin
from units.views_mixins import run_service


def printable_decision(user, pk) -> Decision:
    """An issued decision (the province's or a higher level's recorded one) of the user's province; 404 else."""
    decision = get_object_or_404(Decision.objects.for_user(user).select_related("year_plan", "province"), pk=pk)
    if decision.kind not in PRINTED_KINDS or decision.issued_on is None:
        raise Http404
    return decision


def papers_word(kinds) -> str:
    """What the secretariat prints, in words: "giấy khen", "bằng khen", or both kinds together."""
    kinds = set(kinds)
    if kinds == {CertificateKind.CERTIFICATE_OF_MERIT}:
        return _("certificates of merit")
    if kinds == {CertificateKind.DIPLOMA_OF_MERIT}:
        return _("diplomas of merit")
    if kinds == {CertificateKind.TITLE}:
        return _("certificates of titles")
    return _("certificates and diplomas")


def numbers_sentence(preview, kinds) -> str:
    """ "Sẽ cấp số vào sổ từ 15 đến 42 cho 28 giấy khen; số đã cấp không đổi." """
    if preview.count:
        return _(
            "Register numbers %(first)s to %(last)s of %(year)s will be given to %(count)s %(papers)s; numbers "
            "already given do not change."
        ) % {
            "first": number_text(preview.first),
            "last": number_text(preview.last),
            "year": preview.year,
            "count": number_text(preview.count),
            "papers": papers_word(kinds),
        }
    return _("Every %(papers)s already has its register number (%(first)s to %(last)s): a reprint gives none.") % {
        "papers": papers_word(kinds),
        "first": number_text(preview.numbered_first),
        "last": number_text(preview.numbered_last),
    }


class CertificatesView(SecretariatRequiredMixin, TemplateView):
    """GET: the decision's certificates by kind, the layout form of the chosen kind, the preview link; POST: save
    the layout."""

    template_name = "awards/certificates/page.html"

    def setup_decision(self):
        self.decision = printable_decision(self.request.user, self.kwargs["pk"])
        self.records = list(certificate_records(self.decision))
        for record in self.records:
            record.certificate_kind = certificate_kind(record.title)
        present = [kind for kind in CertificateKind.values if any(r.certificate_kind == kind for r in self.records)]
        self.kinds = present or [CertificateKind.CERTIFICATE_OF_MERIT]
        asked = self.request.GET.get("kind") or self.request.POST.get("kind")
        self.kind = asked if asked in self.kinds else self.kinds[0]
        self.layout = layout_for(self.decision.province, self.kind)

    def get(self, request, *args, **kwargs):
        self.setup_decision()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.setup_decision()
        form = CertificateLayoutForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved = run_service(
                request,
                lambda: certificate_layout_save(
                    province=self.decision.province,
                    kind=self.kind,
                    actor=request.user,
                    paper=data["paper"],
                    offset_x_mm=data["offset_x_mm"],
                    offset_y_mm=data["offset_y_mm"],
                ),
                _("The layout was saved: look at the preview again."),
            )
            if saved:
                url = reverse("awards:certificates", kwargs={"pk": self.decision.pk})
                return redirect(f"{url}?kind={self.kind}")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, form=None, **kwargs):
        preview = register_numbers_preview(self.decision)
        kind_labels = dict(CertificateKind.choices)
        return {
            **super().get_context_data(**kwargs),
            "decision": self.decision,
            "records": self.records,
            "kinds": [
                (kind, kind_labels[kind], sum(1 for r in self.records if r.certificate_kind == kind))
                for kind in self.kinds
            ],
            "kind": self.kind,
            "kind_label": kind_labels[self.kind],
            "layout": self.layout,
            "form": form
            or CertificateLayoutForm(
                initial={
                    "paper": self.layout.paper,
                    "offset_x_mm": self.layout.offset_x_mm,
                    "offset_y_mm": self.layout.offset_y_mm,
                }
            ),
            "preview": preview,
            "numbers_sentence": numbers_sentence(preview, [r.certificate_kind for r in self.records]),
            "preview_url": reverse("reports:certificates_preview", kwargs={"pk": self.decision.pk})
            + f"?kind={self.kind}",
        }


class CertificatesConfirmView(SecretariatRequiredMixin, TemplateView):
    """ "In tất cả" asks once: which register numbers will be given, that given numbers do not change."""

    template_name = "awards/certificates/confirm.html"

    def get_context_data(self, **kwargs):
        decision = printable_decision(self.request.user, self.kwargs["pk"])
        records = list(certificate_records(decision))
        preview = register_numbers_preview(decision)
        unnumbered = [certificate_kind(r.title) for r in records if r.register_number is None]
        return {
            **super().get_context_data(**kwargs),
            "decision": decision,
            "preview": preview,
            "sheets": len(records),
            "numbers_sentence": numbers_sentence(preview, unnumbered or [certificate_kind(r.title) for r in records]),
        }
