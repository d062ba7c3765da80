"""Scoring of units: the sheet (copied from the previous year), criteria filled from the system's own records,
the unit's self-score with evidence, the cluster head's and the secretariat's reviews (a reason for each change),
ranking with ties and classification bands.

- ``defaults``: the starting sheet and bands;
- ``criteria``: the automatic criteria, a registry of sources (facts for many units in a fixed number of queries,
  then points and evidence per unit);
- ``permissions``: who reviews and approves;
- ``selectors``: the reads, among them ``scoring_overview`` behind the page, the .xlsx and the document;
- ``services``: every write; a score's state through ``units.workflow.transition``;
- ``forms``: the points typed on a score's page.

The names below are re-exported so ``from movements.scoring import …`` keeps working."""

from movements.scoring.criteria import REGISTRY, Source, auto_facts, auto_points, fresh_rows, register, to_points
from movements.scoring.defaults import DEFAULT_BANDS, DEFAULT_SHEET
from movements.scoring.permissions import can_cluster_review, cluster_head_of, is_scoring_secretariat
from movements.scoring.selectors import (
    RankRow,
    ScoringOverview,
    band_for,
    cluster_rankings,
    ranking,
    score_preview,
    scoring_overview,
    scoring_version,
    sheet_criteria,
    sheet_with_criteria,
)
from movements.scoring.services import (
    scoring_sheet_create,
    unit_score_approve,
    unit_score_cluster_review,
    unit_score_refresh_auto,
    unit_score_self,
    unit_score_self_save,
    unit_score_start,
)

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_SHEET",
    "REGISTRY",
    "RankRow",
    "ScoringOverview",
    "Source",
    "auto_facts",
    "auto_points",
    "band_for",
    "can_cluster_review",
    "cluster_head_of",
    "cluster_rankings",
    "fresh_rows",
    "is_scoring_secretariat",
    "ranking",
    "register",
    "score_preview",
    "scoring_overview",
    "scoring_sheet_create",
    "scoring_version",
    "sheet_criteria",
    "sheet_with_criteria",
    "to_points",
    "unit_score_approve",
    "unit_score_cluster_review",
    "unit_score_refresh_auto",
    "unit_score_self",
    "unit_score_self_save",
    "unit_score_start",
]
