"""The award lists as spreadsheet rows, from the same selectors as their pages: proposals with their results,
a decision with its list, the award history."""

from django.utils.translation import gettext as _

from awards.eligibility import explanation


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def review_table(lines) -> tuple[list, list[list]]:
    """Submitted lines (``awards.selectors.review_lines``) with their state, the check and what it found."""
    header = [
        _("No."),
        _("Subject"),
        _("Unit"),
        _("Title or form"),
        _("State"),
        _("Eligibility"),
        _("Checks not passed"),
        _("Decision"),
    ]
    rows = []
    lines = lines.select_related("proposal__unit", "staff", "title", "verdict").prefetch_related(
        "decision_lines__decision"
    )
    for number, line in enumerate(lines, start=1):
        verdict = getattr(line, "verdict", None)
        failed = [explanation(c) for c in verdict.checks if c["outcome"] != "pass"] if verdict else []
        decisions = [d.decision for d in line.decision_lines.all() if d.decision.number]
        rows.append(
            [
                number,
                line.subject_name,
                line.proposal.unit.name,
                line.title.name,
                line.get_state_display(),
                verdict.get_outcome_display() if verdict else "",
                "\n".join(failed),
                "; ".join(f"{d.number}, {_date(d.issued_on)}" for d in decisions),
            ]
        )
    return header, rows


def decision_table(decision, lines) -> tuple[list, list[list]]:
    header = [_("No."), _("Subject"), _("Unit"), _("Title or form"), _("State")]
    rows = [
        [number, line.subject_name, line.proposal.unit.name, line.title.name, line.get_state_display()]
        for number, line in enumerate(lines, start=1)
    ]
    return header, rows


def history_table(records, *, birth_dates_of: set[int]) -> tuple[list, list[list]]:
    """Award records (``awards.selectors.award_history``), one row each, revoked ones marked. The award history is
    the province's, but a date of birth only shows for the people in ``birth_dates_of`` (those the user may see)."""
    header = [
        _("No."),
        _("Year"),
        _("Person"),
        _("Date of birth"),
        _("Unit"),
        _("Title or form"),
        _("Conferred by"),
        _("Decision number"),
        _("Decision date"),
        _("Status"),
    ]
    rows = [
        [
            number,
            record.year,
            record.staff.full_name if record.staff_id else "",
            _date(record.staff.date_of_birth) if record.staff_id in birth_dates_of else "",
            record.unit.name,
            record.title.name,
            record.get_level_display(),
            record.decision_number,
            _date(record.decision_date),
            record.get_status_display(),
        ]
        for number, record in enumerate(records, start=1)
    ]
    return header, rows
