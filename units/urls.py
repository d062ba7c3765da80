from django.urls import path

from units import views, views_imports

app_name = "units"
urlpatterns = [
    path("staff/", views.StaffListView.as_view(), name="staff_list"),
    path("staff/import/", views_imports.StaffImportView.as_view(), name="staff_import"),
    path("imports/<int:pk>/", views_imports.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<slug:kind>/template.xlsx", views_imports.ImportTemplateView.as_view(), name="import_template"),
    path("outbox/<int:pk>/resend/", views.OutboxResendView.as_view(), name="outbox_resend"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
]
