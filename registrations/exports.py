"""The registration overview as an .xlsx workbook: the same rows as the secretariat's page."""

import io

from django.utils import translation
from django.utils.translation import gettext as _

from movements.models import YearPlan
from registrations.enums import NOT_STARTED, NOT_STARTED_LABEL, RegistrationState
from registrations.selectors import RegistrationSheet, registration_overview, registration_people


def overview_workbook(plan: YearPlan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows, titles, totals = registration_overview(plan)
    with translation.override("vi"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = f"Tổng hợp {plan.year}"
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
        _people_sheet(workbook, plan)
        output = io.BytesIO()
        workbook.save(output)
    return output.getvalue()


def _people_sheet(workbook, plan: YearPlan) -> None:
    """The secretariat's second sheet: every person's line, with the state of the unit's registration."""
    from openpyxl.styles import Font

    people = workbook.create_sheet(f"Từng người {plan.year}")
    people.append([_("Title registered by each person, %(year)s") % {"year": plan.year}])
    people["A1"].font = Font(bold=True, size=13)
    people.append([plan.province.name])
    header = [_("No."), _("Unit"), _("Full name"), _("Position"), _("Title registered"), _("Registration state")]
    people.append(header)
    for cell in people[3]:
        cell.font = Font(bold=True)
    for number, line in enumerate(registration_people(plan), start=1):
        if line.title_id:
            title = line.title.name
        else:
            title = _("Not registering: %(reason)s") % {"reason": line.not_registering_reason}
        people.append(
            [
                number,
                line.registration.unit.name,
                line.staff.full_name,
                line.staff_position or line.staff.position,
                title,
                str(RegistrationState(line.registration.state).label),
            ]
        )
    for letter, width in zip("ABCDEF", (6, 50, 28, 28, 40, 22), strict=True):
        people.column_dimensions[letter].width = width
    people.freeze_panes = "C4"


def unit_registration_workbook(sheet: RegistrationSheet) -> bytes:
    """One unit's registration as the officer keeps it: the collective's title, then every person of the sheet
    (``RegistrationSheet.readonly_rows``: as submitted, people who came later marked) with position and title."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override("vi"):
        workbook = Workbook()
        table = workbook.active
        table.title = f"Đăng ký {sheet.year_plan.year}"
        table.append([_("Registration of emulation titles for %(year)s") % {"year": sheet.year_plan.year}])
        table["A1"].font = Font(bold=True, size=13)
        state = str(NOT_STARTED_LABEL) if sheet.state == NOT_STARTED else str(RegistrationState(sheet.state).label)
        submitted = sheet.registration.submitted_at if sheet.registration else None
        table.append(
            [sheet.unit.name, "", state, submitted.astimezone().strftime("%d/%m/%Y %H:%M") if submitted else ""]
        )
        header = [
            _("No."),
            _("Full name"),
            _("Position"),
            _("Title registered"),
            _("Reason if not registering"),
            _("Note"),
        ]
        table.append([str(h) for h in header])
        for cell in table[3]:
            cell.font = Font(bold=True)
        collective = sheet.collective_line
        table.append(
            [
                "",
                f"{_('Collective:')} {sheet.unit.name}",
                "",
                _line_title(collective),
                collective.not_registering_reason if collective else "",
                "",
            ]
        )
        for number, row in enumerate(sheet.readonly_rows, start=1):
            line, person = row.line, row.person
            note = ""
            if line is not None and line.supplementary_at:
                note = _("Supplementary registration %(date)s") % {"date": line.supplementary_at.strftime("%d/%m/%Y")}
            elif row.needs_supplementary:
                note = _("needs a supplementary registration")
            elif row.left:
                note = _("no longer in the unit")
            position = (line.staff_position if line else "") or person.position
            table.append(
                [
                    number,
                    person.full_name,
                    position,
                    _line_title(line),
                    line.not_registering_reason if line else "",
                    str(note),
                ]
            )
            for cell in table[table.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
        for column, width in zip("ABCDEF", (6, 32, 28, 32, 30, 28), strict=True):
            table.column_dimensions[column].width = width
        table.freeze_panes = "A4"
        output = io.BytesIO()
        workbook.save(output)
    return output.getvalue()


def _line_title(line) -> str:
    if line is None:
        return str(_("not filled"))
    return line.title.name if line.title_id else str(_("Not registering"))
