"""The scoring criterion "findings of inspections fixed on time" (``AutoSource.INSPECTION_FINDINGS``): full points
when none of the unit's findings of the year's inspections is past its date unfixed. It reads the awards app's
inspections, a layer above the scoring in movements, so it joins ``movements.scoring.criteria.REGISTRY`` from
``AwardsConfig.ready()`` (as ``registrations/scoring.py`` does)."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from awards.enums import FindingState, InspectionState
from awards.models import Finding
from movements.enums import AutoSource
from movements.models import YearPlan
from movements.scoring.criteria import register, to_points
from units.models import Unit


@dataclass
class InspectionFacts:
    findings: dict[int, int]  # unit id → findings of the year's issued records
    overdue: dict[int, list]  # unit id → (position, due date) of those past their date unfixed


def inspection_facts(year_plan: YearPlan, units: list[Unit]) -> InspectionFacts:
    """One query: the findings of the plan's issued records for these units."""
    today = timezone.localdate()
    findings, overdue = defaultdict(int), defaultdict(list)
    rows = (
        Finding.objects.filter(
            inspection__plan__year_plan=year_plan,
            inspection__unit_id__in=[unit.pk for unit in units],
        )
        .exclude(inspection__state=InspectionState.PLANNED)
        .values_list("inspection__unit_id", "position", "due_date", "state")
        .order_by("due_date", "position")
    )
    for unit_id, position, due_date, state in rows:
        findings[unit_id] += 1
        if state != FindingState.CLOSED and due_date < today:
            overdue[unit_id].append((position, due_date))
    return InspectionFacts(dict(findings), dict(overdue))


def inspection_points(criterion, unit: Unit, facts: InspectionFacts):
    late = facts.overdue.get(unit.pk, [])
    if late:
        dates = ", ".join(f"{due:%d/%m/%Y}" for _position, due in late[:5])
        return to_points(0), f"{len(late)} tồn tại sau kiểm tra quá hạn chưa khắc phục (hạn {dates})."
    count = facts.findings.get(unit.pk, 0)
    if count:
        return to_points(criterion.max_points), f"Không có tồn tại quá hạn chưa khắc phục ({count} tồn tại được nêu)."
    return to_points(criterion.max_points), "Không có tồn tại sau kiểm tra phải khắc phục."


def register_scoring_source() -> None:
    register(AutoSource.INSPECTION_FINDINGS, load=inspection_facts, points=inspection_points)
