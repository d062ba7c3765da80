from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<int:plan>/documents/", views.PlanReportsView.as_view(), name="plan_reports"),
    path("documents/<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
    path("documents/<int:pk>/retry/", views.ReportRetryView.as_view(), name="retry"),
]
