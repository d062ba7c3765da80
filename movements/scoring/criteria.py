"""Criteria filled from the system's own records (``ScoringCriterion.auto_source``).

``REGISTRY`` maps each automatic source to a :class:`Source`: ``load(year_plan, units)`` reads the facts for all
those units in a fixed number of queries, ``points(criterion, unit, facts)`` gives the unit's points and the
evidence they rest on, in Vietnamese. The sources on movements' own records are registered here; a source that
reads a higher app registers itself from that app's ``ready()`` (``registrations/scoring.py``: registration on
time), so movements never imports it."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count
from django.utils import timezone

from movements.enums import AutoSource, ReportState, ScoreState
from movements.models import (
    CriterionScore,
    ExemplaryIndividual,
    Movement,
    MovementReport,
    Pledge,
    ScoringCriterion,
    UnitPlan,
    UnitScore,
    YearPlan,
    end_of_day,
)
from units.models import Article, Staff, Unit
from units.numbers import number_text

TWO = Decimal("0.01")


def to_points(value) -> Decimal:
    """Points as stored: two decimals, half up."""
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Source:
    load: Callable[[YearPlan, list[Unit]], Any]
    points: Callable[[ScoringCriterion, Unit, Any], tuple[Decimal, str]]


REGISTRY: dict[str, Source] = {}


def register(key: str, *, load, points) -> None:
    """Add (or replace) the automatic source ``key`` (an ``AutoSource`` value)."""
    REGISTRY[str(key)] = Source(load=load, points=points)


def auto_facts(year_plan: YearPlan, units: list[Unit], sources: Iterable[str] | None = None) -> dict[str, Any]:
    """The facts of each registered source (all, or those named in ``sources``) for ``units``."""
    keys = REGISTRY if sources is None else [str(key) for key in sources if str(key) in REGISTRY]
    return {key: REGISTRY[key].load(year_plan, units) for key in keys}


def auto_points(criterion: ScoringCriterion, unit: Unit, facts: dict[str, Any]) -> tuple[Decimal | None, str]:
    """Points of an automatic criterion and the evidence it rests on; (None, "") for a manual one. ``facts`` is
    what :func:`auto_facts` loaded, this criterion's source among them."""
    source = REGISTRY.get(criterion.auto_source)
    if not criterion.auto_source or source is None:
        return None, ""
    return source.points(criterion, unit, facts[str(criterion.auto_source)])


def fresh_rows(score: UnitScore) -> list[CriterionScore]:
    """The score's rows with the automatic criteria computed again from the records (not saved); while the unit
    scores, they are its self-score too."""
    rows = list(score.criterion_scores.select_related("criterion__group"))
    sources = {row.criterion.auto_source for row in rows if row.criterion.auto_source}
    facts = auto_facts(score.sheet.year_plan, [score.unit], sources)
    for row in rows:
        if not row.criterion.auto_source:
            continue
        row.auto_points, row.auto_evidence = auto_points(row.criterion, score.unit, facts)
        if score.state == ScoreState.DRAFT:
            row.self_points = row.auto_points
    return rows


# --- The sources on movements' own records -------------------------------------------------------------------


def _pledges(year_plan: YearPlan, units: list[Unit]) -> set[int]:
    unit_ids = [u.pk for u in units]
    return set(Pledge.objects.filter(year_plan=year_plan, unit_id__in=unit_ids).values_list("unit_id", flat=True))


def _pledge_points(criterion, unit, signed_units: set[int]):
    signed = unit.pk in signed_units
    return (
        to_points(criterion.max_points if signed else 0),
        "Đã ký giao ước thi đua." if signed else "Chưa ký giao ước thi đua.",
    )


def _exemplary(year_plan: YearPlan, units: list[Unit]) -> Counter:
    unit_ids = [u.pk for u in units]
    return Counter(
        ExemplaryIndividual.objects.filter(year_plan=year_plan, unit_id__in=unit_ids).values_list("unit_id", flat=True)
    )


def _exemplary_points(criterion, unit, named: Counter):
    count = named.get(unit.pk, 0)
    return to_points(criterion.max_points if count else 0), f"Đã giới thiệu {count} điển hình tiên tiến."


@dataclass
class MovementFacts:
    due: Counter
    on_time: Counter


def _movement_reports(year_plan: YearPlan, units: list[Unit]) -> MovementFacts:
    """Per unit: the movement reports due in the plan's year and those submitted on time (three queries)."""
    unit_ids = [u.pk for u in units]
    known = set(unit_ids)
    movements = list(
        Movement.objects.filter(
            province=year_plan.province, unit__isnull=True, report_deadline__year=year_plan.year
        ).prefetch_related("units")
    )
    reports = {
        (r.movement_id, r.unit_id): r
        for r in MovementReport.objects.filter(
            movement__in=movements, unit_id__in=unit_ids, state=ReportState.SUBMITTED
        )
    }
    due, on_time = Counter(), Counter()
    today = timezone.localdate()
    for movement in movements:
        participants = unit_ids if movement.all_units else [u.pk for u in movement.units.all()]
        for unit_id in participants:
            report = reports.get((movement.pk, unit_id))
            if unit_id not in known or (movement.report_deadline >= today and report is None):
                continue  # a report not yet due counts only once it is sent
            due[unit_id] += 1
            if report and report.submitted_at and report.submitted_at <= end_of_day(movement.report_deadline):
                on_time[unit_id] += 1
    return MovementFacts(due, on_time)


def _movement_points(criterion, unit, facts: MovementFacts):
    top = criterion.max_points
    due, on_time = facts.due.get(unit.pk, 0), facts.on_time.get(unit.pk, 0)
    if not due:
        return to_points(top), "Không có phong trào nào phải báo cáo trong năm."
    return to_points(top * on_time / due), f"{on_time}/{due} báo cáo phong trào gửi đúng hạn."


@dataclass
class StaffFacts:
    total: Counter
    complete: Counter


def _staff_records(year_plan: YearPlan, units: list[Unit]) -> StaffFacts:
    active = Staff.objects.filter(unit_id__in=[u.pk for u in units], is_active=True)
    total = Counter(active.values_list("unit_id", flat=True))
    return StaffFacts(total, total - Counter(active.incomplete().values_list("unit_id", flat=True)))


def _staff_points(criterion, unit, facts: StaffFacts):
    total, complete = facts.total.get(unit.pk, 0), facts.complete.get(unit.pk, 0)
    if not total:
        return to_points(0), "Đơn vị chưa có cán bộ trong phần mềm."
    return to_points(criterion.max_points * complete / total), (
        f"{complete}/{total} cán bộ có đủ ngày sinh, chức vụ, ngạch và ngày vào ngành."
    )


def _unit_plans(year_plan: YearPlan, units: list[Unit]) -> dict[int, Any]:
    """Per unit, the time its plan or programme was submitted (a plan returned to the unit is not submitted)."""
    plans = UnitPlan.objects.filter(
        year_plan=year_plan, unit_id__in=[u.pk for u in units], state=ReportState.SUBMITTED
    ).values_list("unit_id", "submitted_at")
    return dict(plans) | {"deadline": year_plan.unit_plan_deadline}


def _unit_plan_points(criterion, unit, facts: dict):
    """Full points when the unit's plan was submitted by the plan's deadline (any time when it sets none)."""
    submitted_at, deadline = facts.get(unit.pk), facts["deadline"]
    if submitted_at is None:
        return to_points(0), "Chưa gửi kế hoạch, chương trình thi đua của đơn vị."
    when = timezone.localtime(submitted_at).strftime("%d/%m/%Y")
    if deadline is None or submitted_at <= end_of_day(deadline):
        return to_points(criterion.max_points), f"Đã gửi kế hoạch, chương trình thi đua ngày {when}."
    return to_points(0), (f"Gửi kế hoạch, chương trình thi đua ngày {when}, sau hạn {deadline.strftime('%d/%m/%Y')}.")


@dataclass
class LeaderArticles:
    year: int
    counts: Counter


def _leaders_articles(year_plan: YearPlan, units: list[Unit]) -> LeaderArticles:
    """Per unit: its news items and articles published in the plan's year with a leader among the authors (one
    query; ``units.models.Article``, plan II.2.7)."""
    rows = (
        Article.objects.filter(
            unit_id__in=[u.pk for u in units], published_on__year=year_plan.year, authors__is_leader=True
        )
        .values("unit_id")
        .annotate(n=Count("id", distinct=True))
        .values_list("unit_id", "n")
    )
    return LeaderArticles(year_plan.year, Counter(dict(rows)))


def _leaders_articles_points(criterion, unit, facts: LeaderArticles):
    """One point per article, up to the criterion's maximum (full points from that many articles on)."""
    count = facts.counts.get(unit.pk, 0)
    top = criterion.max_points
    return to_points(min(count, top)), (
        f"Lãnh đạo đơn vị có {count} tin, bài trong năm {facts.year} "
        f"(mỗi tin, bài 1 điểm, tối đa {number_text(top)} điểm)."
    )


register(AutoSource.PLEDGE_SIGNED, load=_pledges, points=_pledge_points)
register(AutoSource.EXEMPLARY_NAMED, load=_exemplary, points=_exemplary_points)
register(AutoSource.MOVEMENT_REPORTS, load=_movement_reports, points=_movement_points)
register(AutoSource.STAFF_RECORDS, load=_staff_records, points=_staff_points)
register(AutoSource.UNIT_PLAN, load=_unit_plans, points=_unit_plan_points)
register(AutoSource.LEADERS_ARTICLES, load=_leaders_articles, points=_leaders_articles_points)
