from django.urls import path

from reports import views, views_documents, views_registration

app_name = "reports"
urlpatterns = [
    path("plans/<int:plan>/documents/", views.PlanReportsView.as_view(), name="plan_reports"),
    path("documents/<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
    path("documents/<int:pk>/retry/", views.ReportRetryView.as_view(), name="retry"),
    # Documents asked for from the page of what they are about.
    path("decisions/<int:pk>/documents/", views_documents.DecisionDocumentView.as_view(), name="decision_document"),
    path("meetings/<int:pk>/documents/", views_documents.MeetingDocumentView.as_view(), name="meeting_document"),
    path("plans/<int:plan>/scoring/document/", views_documents.ScoringDocumentView.as_view(), name="scoring_document"),
    path(
        "plans/<int:plan>/units/<int:unit>/registration.pdf",
        views_registration.RegistrationFormView.as_view(),
        name="registration_form",
    ),
    path("plans/<int:plan>/dashboard/", views.SecretariatDashboardView.as_view(), name="dashboard"),
    path("plans/<int:plan>/units/<int:unit>/dashboard/", views.UnitDashboardView.as_view(), name="unit_dashboard"),
]
