"""Reads of the scoring, each a fixed number of queries: the sheet with its criteria, a score's rows as the page
shows them, the ranking with ties and bands, and :func:`scoring_overview`, the one read behind the scoring page,
its .xlsx export and the results document."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from movements.enums import ScoreState
from movements.models import (
    ClusterYear,
    CriterionScore,
    ScoringBand,
    ScoringCriterion,
    ScoringGroup,
    ScoringSheet,
    UnitScore,
    YearPlan,
)
from movements.scoring.criteria import fresh_rows, to_points
from units.cache import data_version_of
from units.models import Cluster, Unit
from units.selectors import province_units


def sheet_criteria(sheet: ScoringSheet) -> list[ScoringCriterion]:
    return list(ScoringCriterion.objects.filter(group__sheet=sheet).select_related("group"))


def sheet_with_criteria(year_plan: YearPlan) -> ScoringSheet | None:
    return (
        ScoringSheet.objects.filter(year_plan=year_plan)
        .prefetch_related(Prefetch("groups", queryset=ScoringGroup.objects.prefetch_related("criteria")), "bands")
        .first()
    )


def score_preview(score: UnitScore) -> tuple[list[CriterionScore], Decimal]:
    """What the page shows: the rows (fresh automatic points while in draft) and the self total they make."""
    if score.state != ScoreState.DRAFT:
        return list(score.criterion_scores.select_related("criterion__group")), score.self_total
    rows = fresh_rows(score)
    return rows, to_points(sum((r.self_points or 0) for r in rows))


# --- Ranking --------------------------------------------------------------------------------------------------


@dataclass
class RankRow:
    unit: Unit
    score: UnitScore | None
    total: Decimal
    rank: int
    band: ScoringBand | None


def band_for(total: Decimal, bands: list[ScoringBand]) -> ScoringBand | None:
    return next((band for band in bands if total >= band.min_points), None)


def _ranked(pairs, bands) -> list[RankRow]:
    """Rank (unit, score) pairs already ordered highest first; equal totals share a rank (1, 2, 2, 4)."""
    rows, previous, rank = [], None, 0
    for position, (unit, score) in enumerate(pairs, start=1):
        total = to_points(score.best_total if score else 0)
        if total != previous:
            rank, previous = position, total
        rows.append(RankRow(unit, score, total, rank, band_for(total, bands)))
    return rows


def ranking(sheet: ScoringSheet) -> list[RankRow]:
    """The province's units by score (the most reviewed so far), highest first, listed by name within a tie.
    Units that have not started come last with 0. Three queries whatever the number of units."""
    units = list(province_units(sheet.year_plan.province).select_related("cluster"))
    scores = {s.unit_id: s for s in UnitScore.objects.filter(sheet=sheet)}
    ordered = sorted(units, key=lambda u: (-(scores[u.pk].best_total if u.pk in scores else 0), u.sort_key))
    return _ranked([(u, scores.get(u.pk)) for u in ordered], list(sheet.bands.all()))


def cluster_rankings(sheet: ScoringSheet, rows: list[RankRow]) -> dict[int, list[RankRow]]:
    """The province ranking split by cluster, ranked again within each (no further query)."""
    bands = list(sheet.bands.all())
    by_cluster: dict[int, list] = {}
    for row in rows:
        if row.unit.cluster_id is not None:
            by_cluster.setdefault(row.unit.cluster_id, []).append((row.unit, row.score))
    return {cluster_id: _ranked(pairs, bands) for cluster_id, pairs in by_cluster.items()}


# --- The overview: page, .xlsx and document ---------------------------------------------------------------------


@dataclass
class ScoringOverview:
    plan: YearPlan
    sheet: ScoringSheet | None
    province_rows: list[RankRow] = field(default_factory=list)
    # (cluster, its leaders this year or None, its ranking), clusters by name
    clusters: list[tuple[Cluster, ClusterYear | None, list[RankRow]]] = field(default_factory=list)

    def export_header(self) -> list[str]:
        return [pgettext("ranking", "Rank"), _("Unit"), _("Cluster"), _("Points"), _("Classification"), _("State")]

    def export_rows(self) -> list[list]:
        """The province ranking as the .xlsx lists it: the rows of the page."""
        return [
            [
                row.rank,
                row.unit.name,
                row.unit.cluster.name if row.unit.cluster_id else "",
                float(row.total),
                row.band.name if row.band else "",
                row.score.get_state_display() if row.score else "",
            ]
            for row in self.province_rows
        ]


def scoring_overview(year_plan: YearPlan, *, clusters: bool = True) -> ScoringOverview:
    """The year's sheet with its criteria and bands, the province ranking and, with ``clusters``, each cluster of
    the province (by name) with its leaders and its own ranking; without a sheet the rankings are empty. Eight
    queries (the plan's province loaded) whatever the number of units and clusters."""
    sheet = sheet_with_criteria(year_plan)
    overview = ScoringOverview(plan=year_plan, sheet=sheet)
    if sheet is not None:
        sheet.year_plan = year_plan  # already loaded (with its province, by the callers)
        overview.province_rows = ranking(sheet)
    if clusters:
        leaders = {
            c.cluster_id: c
            for c in ClusterYear.objects.filter(year_plan=year_plan).select_related("head_unit", "deputy_unit")
        }
        per_cluster = cluster_rankings(sheet, overview.province_rows) if sheet is not None else {}
        overview.clusters = [
            (cluster, leaders.get(cluster.pk), per_cluster.get(cluster.pk, []))
            for cluster in Cluster.objects.filter(province=year_plan.province).order_by("name")
        ]
    return overview


def scoring_version(year_plan: YearPlan) -> str | None:
    """What the scoring page's cached fragment is keyed on, in one query (``None`` without a sheet): the sheet's
    time (moved by its edit and by any change of its groups, criteria or bands, ``movements.receivers``), the
    plan's (moved when a cluster's leaders change), and the count and latest change of the plan's unit scores
    and of the province's units and clusters. Starts with the sheet's pk."""
    plan_id, province_id = year_plan.pk, year_plan.province_id

    def build():
        return (
            ScoringSheet.objects.filter(year_plan_id=plan_id),
            [
                (ScoringSheet.objects.filter(year_plan_id=plan_id), "updated_at"),
                (YearPlan.objects.filter(pk=plan_id), "updated_at"),
                (UnitScore.objects.filter(sheet__year_plan_id=plan_id), "updated_at"),
                (Unit.objects.filter(province_id=province_id), "updated_at"),
                (Cluster.objects.filter(province_id=province_id), "updated_at"),
            ],
        )

    return data_version_of(("scoring", plan_id, province_id), build)
