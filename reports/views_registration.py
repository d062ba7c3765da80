"""The printable registration form of one unit ("Phiếu đăng ký thi đua"), for the unit's head to sign. The button
sits on the registration sheet; the document is the reports app's, which renders PDFs (docs/architecture.md). A
single unit's form is a page or two, so it is rendered in the request rather than queued as a report job."""

from collections import Counter

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views import View

from movements.selectors import plan_for
from registrations.selectors import registration_sheet
from reports.documents import header_context
from reports.pdf import CSS_FILE, render_parts
from units.enums import Role
from units.models import Unit
from units.permissions import RoleRequiredMixin


def registration_form_html(sheet, *, issued_on) -> str:
    """The form of one unit as HTML: Decree 30 header (the unit issues it), its collective title and every person
    of the sheet (``RegistrationSheet.readonly_rows``), the totals, then the signature."""
    plan, unit = sheet.year_plan, sheet.unit
    header = header_context(
        plan,
        doc_type="PHIẾU ĐĂNG KÝ THI ĐUA",
        subject=f"Danh hiệu thi đua năm {plan.year}",
        number="",
        issued_on=issued_on,
        symbol="ĐK",
    )
    header |= {
        "superior": plan.header_agency,
        "issuer": unit.name,
        "signer_title": "THỦ TRƯỞNG ĐƠN VỊ",
        "signature_lines": ["THỦ TRƯỞNG ĐƠN VỊ"],
        "signer_name": "",
        "recipients": [f"Thường trực Hội đồng Thi đua - Khen thưởng {plan.province.name}", "Lưu: VT"],
    }
    rows = sheet.readonly_rows
    counted = Counter(row.line.title_id for row in rows if row.line is not None and row.line.title_id)
    counts = [(title.name, counted[title.pk]) for title in sheet.individual_titles if counted[title.pk]]
    with translation.override("vi"):
        return render_to_string(
            "reports/registration_form.html",
            {
                "css_path": CSS_FILE,
                "header": header,
                "plan": plan,
                "sheet": sheet,
                "rows": rows,
                "counts": counts,
                "not_registering": sum(1 for row in rows if row.line is not None and not row.line.title_id),
            },
        )


class RegistrationFormView(RoleRequiredMixin, View):
    """GET: the unit's registration form as a PDF (the unit's officers, the secretariat and the council)."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)

    def get(self, request, plan, unit):
        plan = plan_for(request.user, plan)
        unit = get_object_or_404(Unit.objects.for_user(request.user).filter(province_id=plan.province_id), pk=unit)
        sheet = registration_sheet(unit=unit, year_plan=plan)
        pdf, _pages = render_parts([registration_form_html(sheet, issued_on=timezone.localdate())])
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="phieu-dang-ky-thi-dua-{plan.year}-{unit.code}.pdf"'
        return response
