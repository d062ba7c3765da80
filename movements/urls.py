from django.urls import path

from movements import views, views_scoring

app_name = "movements"
urlpatterns = [
    path("plans/", views.YearPlanListView.as_view(), name="plan_list"),
    path("plans/new/", views.YearPlanFormView.as_view(), name="plan_create"),
    path("plans/<int:plan>/edit/", views.YearPlanFormView.as_view(), name="plan_update"),
    path("movements/", views.MovementListView.as_view(), name="movement_list"),
    path("movements/new/", views.MovementFormView.as_view(), name="movement_create"),
    path("movements/<int:pk>/", views.MovementDetailView.as_view(), name="movement_detail"),
    path("movements/<int:pk>/edit/", views.MovementFormView.as_view(), name="movement_update"),
    path("movements/<int:pk>/report/", views.MovementReportView.as_view(), name="movement_report"),
    path("movement-reports/<int:pk>/return/", views.MovementReportReturnView.as_view(), name="movement_report_return"),
    path("plans/<int:plan>/pledges/", views.PledgeOverviewView.as_view(), name="pledge_overview"),
    path("plans/<int:plan>/units/<int:unit>/pledge/", views.PledgeView.as_view(), name="pledge"),
    path("plans/<int:plan>/exemplary/", views.ExemplaryOverviewView.as_view(), name="exemplary_overview"),
    path("plans/<int:plan>/units/<int:unit>/exemplary/", views.ExemplaryUnitView.as_view(), name="exemplary_unit"),
    path("exemplary/<int:pk>/withdraw/", views.ExemplaryWithdrawView.as_view(), name="exemplary_withdraw"),
    path("exemplary/<int:pk>/select/", views.ExemplarySelectView.as_view(), name="exemplary_select"),
    path("plans/<int:plan>/scoring/", views_scoring.ScoringView.as_view(), name="scoring"),
    path("plans/<int:plan>/scoring/new/", views_scoring.ScoringSheetCreateView.as_view(), name="scoring_create"),
    path("plans/<int:plan>/scoring/document/", views_scoring.ScoringDocumentView.as_view(), name="scoring_document"),
    path("plans/<int:plan>/scoring.xlsx", views_scoring.ScoringExportView.as_view(), name="scoring_export"),
    path("plans/<int:plan>/units/<int:unit>/score/", views_scoring.UnitScoreView.as_view(), name="unit_score"),
]
