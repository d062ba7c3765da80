from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<int:plan>/documents/", views.PlanReportsView.as_view(), name="plan_reports"),
    path("documents/<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
    path("documents/<int:pk>/retry/", views.ReportRetryView.as_view(), name="retry"),
    path("plans/<int:plan>/dashboard/", views.SecretariatDashboardView.as_view(), name="dashboard"),
    path("plans/<int:plan>/units/<int:unit>/dashboard/", views.UnitDashboardView.as_view(), name="unit_dashboard"),
]
