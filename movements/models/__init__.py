"""The movements app's models: year plans, movements and their reports, pledges, exemplary individuals, and the
scoring of units."""

from movements.models.base import (
    ExemplaryIndividual,
    Movement,
    MovementReport,
    Pledge,
    ProvinceScopedQuerySet,
    YearPlan,
    YearPlanQuerySet,
    end_of_day,
)
from movements.models.scoring import (
    ClusterYear,
    CriterionScore,
    ScoringBand,
    ScoringCriterion,
    ScoringGroup,
    ScoringSheet,
    UnitScore,
)

__all__ = [
    "ClusterYear",
    "CriterionScore",
    "ExemplaryIndividual",
    "Movement",
    "MovementReport",
    "Pledge",
    "ProvinceScopedQuerySet",
    "ScoringBand",
    "ScoringCriterion",
    "ScoringGroup",
    "ScoringSheet",
    "UnitScore",
    "YearPlan",
    "YearPlanQuerySet",
    "end_of_day",
]
