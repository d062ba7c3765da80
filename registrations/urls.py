from django.urls import path

from registrations import views

app_name = "registrations"
urlpatterns = [
    path("plans/<int:plan>/registrations/", views.RegistrationOverviewView.as_view(), name="overview"),
    path("plans/<int:plan>/units/<int:unit>/registration/", views.RegistrationSheetView.as_view(), name="sheet"),
    path("plans/<int:plan>/reminders/", views.ReminderLogView.as_view(), name="reminders"),
    path("plans/<int:plan>/registrations/remind/", views.RemindNowView.as_view(), name="remind"),
    path("plans/<int:plan>/registrations.xlsx", views.RegistrationExportView.as_view(), name="export"),
    path(
        "plans/<int:plan>/units/<int:unit>/registration.xlsx",
        views.RegistrationSheetExportView.as_view(),
        name="sheet_export",
    ),
    path(
        "plans/<int:plan>/units/<int:unit>/registration/return/",
        views.RegistrationReturnView.as_view(),
        name="return",
    ),
    path(
        "plans/<int:plan>/units/<int:unit>/registration/extension/",
        views.DeadlineExtensionView.as_view(),
        name="extension",
    ),
    path(
        "plans/<int:plan>/units/<int:unit>/registration/supplementary/",
        views.RegistrationSupplementaryView.as_view(),
        name="supplementary",
    ),
]
