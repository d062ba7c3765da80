"""The achievement report of a proposal line: the pre-filled statutory form as .docx (``reports.achievement_docx``,
rendered in the request: a few pages), and the upload of the completed report back to the line
(``awards.services.achievement``). The unit's officers and the province's secretariat; another unit's line answers
404 (``ProposalLine.objects.for_user``)."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from awards.models import ProposalLine
from awards.services.achievement import achievement_download_allowed, achievement_report_upload
from reports.achievement_docx import DOCX_TYPE, achievement_docx, achievement_filename
from units.enums import Role
from units.permissions import RoleRequiredMixin
from units.views_mixins import run_service


class AchievementReportForm(forms.Form):
    report = forms.FileField(
        label=gettext_lazy("Completed achievement report"),
        help_text=gettext_lazy("Word (.docx) or a digitally signed PDF, naming the person or the unit."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
        error_messages={"required": gettext_lazy("Choose the file of the completed achievement report.")},
    )


class LineMixin(RoleRequiredMixin):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)

    def get_line(self) -> ProposalLine:
        line = get_object_or_404(
            ProposalLine.objects.for_user(self.request.user).select_related("proposal__unit", "proposal__year_plan"),
            pk=self.kwargs["pk"],
        )
        if not achievement_download_allowed(self.request.user, line):
            raise Http404
        return line


class AchievementDocxView(LineMixin, View):
    """GET: the statutory form of the line's year, pre-filled, as .docx."""

    def get(self, request, pk):
        line = self.get_line()
        response = HttpResponse(achievement_docx(line), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{achievement_filename(line)}"'
        return response


class AchievementUploadView(LineMixin, View):
    """POST: the completed report, checked and stored on the line; back to the line with the result."""

    def post(self, request, pk):
        line = self.get_line()
        form = AchievementReportForm(request.POST, request.FILES)
        target = reverse("awards:line_detail", kwargs={"pk": line.pk}) + "#achievement-report"
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["report"]))
            return redirect(target)
        run_service(
            request,
            lambda: achievement_report_upload(line=line, upload=form.cleaned_data["report"], actor=request.user),
            _("The achievement report was stored on the line."),
        )
        return redirect(target)
