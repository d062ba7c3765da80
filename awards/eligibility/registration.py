"""The registration rule, written once: a year-end emulation title counts as registered for a subject (a person, or
a unit for its collective) when the subject's line in the unit's *submitted* registration of that year names that
title or a higher one of the same kind. A supplementary line (``RegistrationLine.supplementary_at``) counts like
any other.

Read by the eligibility check (``checks/common.py``, ``check_registration``) over a whole province and by the
proposal service (``awards.services.proposals``), which refuses an unregistered title when the line is added.
"""

import datetime
from dataclasses import dataclass

from movements.models import Title, YearPlan
from registrations.enums import RegistrationState
from registrations.models import RegistrationLine
from units.models import Staff, Unit


@dataclass(frozen=True)
class Registered:
    """A subject's line in a submitted registration."""

    title: Title | None  # None: the subject registered "không đăng ký danh hiệu"
    supplementary_at: datetime.datetime | None = None

    def covers(self, title: Title) -> bool:
        """True when the registered title is ``title`` or ranks at least as high among titles of its kind."""
        registered = self.title
        if registered is None:
            return False
        return registered.pk == title.pk or (
            registered.subject_kind == title.subject_kind and registered.display_order >= title.display_order
        )


def _submitted_lines():
    return RegistrationLine.objects.filter(registration__state=RegistrationState.SUBMITTED)


def registrations_of(province: Unit, year: int, titles: dict[int, Title]) -> dict[tuple[int | None, int], Registered]:
    """Every subject's registration in a province and year, by (staff id or None, unit id); one query."""
    rows = _submitted_lines().filter(registration__year_plan__year=year, registration__year_plan__province=province)
    return {
        (staff_id, unit_id): Registered(titles[title_id] if title_id else None, added)
        for unit_id, staff_id, title_id, added in rows.values_list(
            "registration__unit_id", "staff_id", "title_id", "supplementary_at"
        )
    }


def registration_of(plan: YearPlan, unit: Unit, staff: Staff | None) -> Registered | None:
    """One subject's registration in a plan (``staff`` None: the unit's collective), or None; one query."""
    line = _submitted_lines().filter(registration__unit=unit, registration__year_plan=plan, staff=staff)
    line = line.select_related("title").first()
    return None if line is None else Registered(line.title, line.supplementary_at)
