"""The registration overview as an .xlsx workbook: the same rows as the secretariat's page."""

import io

from django.utils import translation
from django.utils.translation import gettext as _

from movements.models import YearPlan
from registrations.enums import NOT_STARTED, NOT_STARTED_LABEL, RegistrationState
from registrations.selectors import registration_overview


def overview_workbook(plan: YearPlan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows, titles, totals = registration_overview(plan)
    with translation.override("vi"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = f"Dang ky {plan.year}"
        sheet.append([_("Registrations of emulation titles, %(year)s") % {"year": plan.year}])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([plan.province.name])
        header = [
            _("Unit"),
            _("State"),
            _("Last change"),
            _("Deadline"),
            *[t.name for t in titles],
            _("Not registering"),
            _("Supplementary registrations"),
        ]
        sheet.append(header)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in rows:
            state = str(NOT_STARTED_LABEL) if row.state == NOT_STARTED else RegistrationState(row.state).label
            sheet.append(
                [
                    row.unit.name,
                    str(state),
                    row.last_changed.astimezone().strftime("%d/%m/%Y %H:%M") if row.last_changed else "",
                    row.deadline.strftime("%d/%m/%Y"),
                    *[row.title_counts.get(t.pk, 0) for t in titles],
                    row.not_registering,
                    row.supplementary,
                ]
            )
        supplementary = sum(row.supplementary for row in rows)
        sheet.append([_("Province total"), "", "", "", *[totals.get(t.pk, 0) for t in titles], "", supplementary])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 60
        for index in range(2, len(header) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 16
        sheet.freeze_panes = "B4"
        output = io.BytesIO()
        workbook.save(output)
    return output.getvalue()
