"""The statutory statistical reports (Thông tư 02/2023/TT-BNV, biểu 0601–0605): choose the form and the period,
preview the table, download it as .xlsx in the form's layout or ask for the PDF (a report job)."""

import datetime

from django import forms
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView, View

from movements.selectors import plan_for
from reports.documents import _place, document_date
from reports.enums import ReportKind
from reports.services import report_request
from reports.statistics import (
    FORM_CODES,
    form_choices,
    statistics_params,
    statistics_table,
    statistics_xlsx,
)
from units.enums import Role
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.xlsx import xlsx_response


class StatisticsForm(forms.Form):
    form = forms.ChoiceField(label=_("Form"), choices=form_choices)
    start = forms.DateField(
        label=pgettext_lazy("period", "From"), required=False, help_text=_("Empty: 01/01 of the plan's year.")
    )
    end = forms.DateField(
        label=pgettext_lazy("period", "To"), required=False, help_text=_("Empty: 31/12 of the plan's year.")
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean(self):
        data = super().clean()
        data["start"] = data.get("start") or datetime.date(self.year, 1, 1)
        data["end"] = data.get("end") or datetime.date(self.year, 12, 31)
        if data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data


class _StatisticsMixin:
    def setup_form(self, request, plan):
        self.plan = plan_for(request.user, plan)
        data = request.POST if request.method == "POST" else request.GET
        self.form = StatisticsForm(data or {"form": FORM_CODES[0]}, year=self.plan.year)
        if not self.form.is_valid():
            return None
        data = self.form.cleaned_data
        return statistics_table(data["form"], province=self.plan.province, start=data["start"], end=data["end"])


class StatisticsView(_StatisticsMixin, RoleRequiredMixin, TemplateView):
    """The secretariat's page (the statistics officer reads it too): the chosen form filled for the period."""

    template_name = "reports/statistics.html"
    allowed_roles = (Role.SECRETARIAT, Role.STATISTICS)

    def get(self, request, *args, **kwargs):
        table = self.setup_form(request, kwargs["plan"])
        query = self.form.data.urlencode() if hasattr(self.form.data, "urlencode") else f"form={FORM_CODES[0]}"
        return self.render_to_response(
            self.get_context_data(
                plan=self.plan,
                form=self.form,
                table=table,
                query=query,
                can_request=request.user.is_admin or request.user.role == Role.SECRETARIAT,
            )
        )


class StatisticsExportView(_StatisticsMixin, RoleRequiredMixin, View):
    """The form as .xlsx in its layout."""

    allowed_roles = (Role.SECRETARIAT, Role.STATISTICS)

    def get(self, request, plan):
        table = self.setup_form(request, plan)
        if table is None:
            return redirect("reports:statistics", plan=self.plan.pk)
        plan = self.plan
        signer = {
            "place_date": document_date(_place(plan), timezone.localdate()),
            "lines": plan.signature_lines() or ["THỦ TRƯỞNG ĐƠN VỊ"],
            "name": plan.signer_name,
        }
        content = statistics_xlsx(table, reporter=plan.province.name, receiver=plan.superior_agency, signer=signer)
        return xlsx_response(f"bieu-{table.code}-{table.start:%Y%m%d}-{table.end:%Y%m%d}.xlsx", content)


class StatisticsDocumentView(_StatisticsMixin, SecretariatRequiredMixin, View):
    """Ask for the PDF: a report job, followed on the documents page."""

    def post(self, request, plan):
        table = self.setup_form(request, plan)
        if table is None:
            return redirect("reports:statistics", plan=self.plan.pk)
        report_request(
            kind=ReportKind.STATISTICS,
            year_plan=self.plan,
            actor=request.user,
            params=statistics_params(table.code, table.start, table.end),
        )
        return redirect("reports:plan_reports", plan=self.plan.pk)
