from django.urls import path

from reports import (
    views,
    views_achievement,
    views_certificates,
    views_documents,
    views_monitoring,
    views_registration,
    views_reviews,
    views_statistics,
)

app_name = "reports"
urlpatterns = [
    path("plans/<int:plan>/documents/", views.PlanReportsView.as_view(), name="plan_reports"),
    path("documents/<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
    path("documents/<int:pk>/retry/", views.ReportRetryView.as_view(), name="retry"),
    # Documents asked for from the page of what they are about.
    path("decisions/<int:pk>/documents/", views_documents.DecisionDocumentView.as_view(), name="decision_document"),
    path("meetings/<int:pk>/documents/", views_documents.MeetingDocumentView.as_view(), name="meeting_document"),
    path(
        "decisions/<int:pk>/certificates/document/",
        views_certificates.CertificatePrintView.as_view(),
        name="certificates_document",
    ),
    path(
        "decisions/<int:pk>/certificates/preview.pdf",
        views_certificates.CertificatePreviewView.as_view(),
        name="certificates_preview",
    ),
    path(
        "inspections/<int:pk>/document/",
        views_documents.InspectionDocumentView.as_view(),
        name="inspection_document",
    ),
    path(
        "consultations/<int:pk>/document/",
        views_documents.ConsultationDocumentView.as_view(),
        name="consultation_document",
    ),
    path("plans/<int:plan>/scoring/document/", views_documents.ScoringDocumentView.as_view(), name="scoring_document"),
    path(
        "plans/<int:plan>/units/<int:unit>/registration.pdf",
        views_registration.RegistrationFormView.as_view(),
        name="registration_form",
    ),
    # The statutory statistical reports (Thông tư 02/2023/TT-BNV, biểu 0601–0605).
    path("plans/<int:plan>/statistics/", views_statistics.StatisticsView.as_view(), name="statistics"),
    path("plans/<int:plan>/statistics.xlsx", views_statistics.StatisticsExportView.as_view(), name="statistics_export"),
    path(
        "plans/<int:plan>/statistics/document/",
        views_statistics.StatisticsDocumentView.as_view(),
        name="statistics_document",
    ),
    path("plans/<int:plan>/dashboard/", views.SecretariatDashboardView.as_view(), name="dashboard"),
    # Plan II.2.3: the units' data entry, for the statistics officer and the secretariat.
    path("plans/<int:plan>/monitoring/", views_monitoring.MonitoringView.as_view(), name="monitoring"),
    path(
        "plans/<int:plan>/monitoring/snapshot/",
        views_monitoring.MonitoringSnapshotView.as_view(),
        name="monitoring_snapshot",
    ),
    path(
        "plans/<int:plan>/monitoring/notice/", views_monitoring.MonitoringNoticeView.as_view(), name="monitoring_notice"
    ),
    path("plans/<int:plan>/units/<int:unit>/dashboard/", views.UnitDashboardView.as_view(), name="unit_dashboard"),
    # The year-end and six-month reviews (plan II.2.8): the province's, a unit's; as .docx and as PDF.
    path("plans/<int:plan>/year-review/", views_reviews.ProvinceReviewView.as_view(), name="review"),
    path("plans/<int:plan>/year-review.docx", views_reviews.ProvinceReviewDocxView.as_view(), name="review_docx"),
    path("plans/<int:plan>/year-review/pdf/", views_reviews.ProvinceReviewPdfView.as_view(), name="review_pdf"),
    path("plans/<int:plan>/units/<int:unit>/year-review/", views_reviews.UnitReviewView.as_view(), name="unit_review"),
    path(
        "plans/<int:plan>/units/<int:unit>/year-review.docx",
        views_reviews.ReviewDocxView.as_view(),
        name="unit_review_docx",
    ),
    path(
        "plans/<int:plan>/units/<int:unit>/year-review/pdf/",
        views_reviews.ReviewPdfView.as_view(),
        name="unit_review_pdf",
    ),
    # The achievement report of a proposal line: the pre-filled form (.docx) and the completed one uploaded back.
    path(
        "proposal-lines/<int:pk>/achievement-report.docx",
        views_achievement.AchievementDocxView.as_view(),
        name="achievement_docx",
    ),
    path(
        "proposal-lines/<int:pk>/achievement-report/",
        views_achievement.AchievementUploadView.as_view(),
        name="achievement_upload",
    ),
]
