from django.urls import path

from movements.views import exemplary, movements, plans, pledges, reports, scoring, unit_work

app_name = "movements"
urlpatterns = [
    path("plans/", plans.YearPlanListView.as_view(), name="plan_list"),
    path("plans/new/", plans.YearPlanFormView.as_view(), name="plan_create"),
    path("plans/<int:plan>/edit/", plans.YearPlanFormView.as_view(), name="plan_update"),
    path("movements/", movements.MovementListView.as_view(), name="movement_list"),
    path("movements/new/", movements.MovementFormView.as_view(), name="movement_create"),
    path("movements/<int:pk>/", movements.MovementDetailView.as_view(), name="movement_detail"),
    path("movements/<int:pk>/edit/", movements.MovementFormView.as_view(), name="movement_update"),
    path("movements/<int:pk>/report/", reports.MovementReportView.as_view(), name="movement_report"),
    path(
        "movement-reports/<int:pk>/return/", reports.MovementReportReturnView.as_view(), name="movement_report_return"
    ),
    path("plans/<int:plan>/pledges/", pledges.PledgeOverviewView.as_view(), name="pledge_overview"),
    path("plans/<int:plan>/units/<int:unit>/pledge/", pledges.PledgeView.as_view(), name="pledge"),
    path("plans/<int:plan>/exemplary/", exemplary.ExemplaryOverviewView.as_view(), name="exemplary_overview"),
    path("plans/<int:plan>/units/<int:unit>/exemplary/", exemplary.ExemplaryUnitView.as_view(), name="exemplary_unit"),
    path("exemplary/<int:pk>/withdraw/", exemplary.ExemplaryWithdrawView.as_view(), name="exemplary_withdraw"),
    path("exemplary/<int:pk>/select/", exemplary.ExemplarySelectView.as_view(), name="exemplary_select"),
    path("plans/<int:plan>/unit-plans/", unit_work.UnitPlanOverviewView.as_view(), name="unit_plan_overview"),
    path("plans/<int:plan>/units/<int:unit>/plan/", unit_work.UnitPlanView.as_view(), name="unit_plan"),
    path("unit-plans/<int:pk>/return/", unit_work.UnitPlanReturnView.as_view(), name="unit_plan_return"),
    path("movements/own/new/", unit_work.UnitMovementFormView.as_view(), name="unit_movement_create"),
    path("movements/<int:pk>/own/edit/", unit_work.UnitMovementFormView.as_view(), name="unit_movement_update"),
    path("movements/<int:pk>/results/new/", unit_work.MovementResultFormView.as_view(), name="movement_result"),
    path(
        "movement-results/<int:pk>/delete/", unit_work.MovementResultDeleteView.as_view(), name="movement_result_delete"
    ),
    path("plans/<int:plan>/scoring/", scoring.ScoringView.as_view(), name="scoring"),
    path("plans/<int:plan>/scoring/new/", scoring.ScoringSheetCreateView.as_view(), name="scoring_create"),
    path("plans/<int:plan>/scoring/sheet/", scoring.ScoringSheetEditView.as_view(), name="scoring_sheet_edit"),
    path("plans/<int:plan>/scoring.xlsx", scoring.ScoringExportView.as_view(), name="scoring_export"),
    path("plans/<int:plan>/units/<int:unit>/score/", scoring.UnitScoreView.as_view(), name="unit_score"),
]
