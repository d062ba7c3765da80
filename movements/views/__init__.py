"""The movements app's pages, one module per feature: ``plans`` (year plans), ``movements``, ``reports`` (a unit's
report on a movement), ``pledges``, ``exemplary`` (exemplary individuals) and ``scoring``. Views are thin: they
check the role, load objects in the user's scope, validate a form and call one service."""

from movements.views.exemplary import (
    ExemplaryOverviewView,
    ExemplarySelectView,
    ExemplaryUnitView,
    ExemplaryWithdrawView,
)
from movements.views.movements import MovementDetailView, MovementFormView, MovementListView
from movements.views.plans import PlanMixin, YearPlanFormView, YearPlanListView
from movements.views.pledges import PledgeOverviewView, PledgeView
from movements.views.reports import MovementReportReturnView, MovementReportView
from movements.views.scoring import (
    ScoringExportView,
    ScoringSheetCreateView,
    ScoringView,
    UnitScoreView,
)

__all__ = [
    "ExemplaryOverviewView",
    "ExemplarySelectView",
    "ExemplaryUnitView",
    "ExemplaryWithdrawView",
    "MovementDetailView",
    "MovementFormView",
    "MovementListView",
    "MovementReportReturnView",
    "MovementReportView",
    "PlanMixin",
    "PledgeOverviewView",
    "PledgeView",
    "ScoringExportView",
    "ScoringSheetCreateView",
    "ScoringView",
    "UnitScoreView",
    "YearPlanFormView",
    "YearPlanListView",
]
