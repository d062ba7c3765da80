"""The movements app's models: the title catalogue, year plans, movements and their reports, pledges, exemplary
individuals, and the scoring of units. The catalogue and the year plan sit here, low in the layers, because every
app above (registrations, awards, reports) names a title or a plan."""

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
from movements.models.catalogue import Title, TitleQuerySet
from movements.models.scoring import (
    ClusterYear,
    CriterionScore,
    ScoringBand,
    ScoringCriterion,
    ScoringGroup,
    ScoringSheet,
    UnitScore,
)
from movements.models.unit_work import MovementResult, UnitPlan

__all__ = [
    "ClusterYear",
    "CriterionScore",
    "ExemplaryIndividual",
    "Movement",
    "MovementReport",
    "MovementResult",
    "Pledge",
    "ProvinceScopedQuerySet",
    "ScoringBand",
    "ScoringCriterion",
    "ScoringGroup",
    "ScoringSheet",
    "Title",
    "TitleQuerySet",
    "UnitPlan",
    "UnitScore",
    "YearPlan",
    "YearPlanQuerySet",
    "end_of_day",
]
