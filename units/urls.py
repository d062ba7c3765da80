from django.urls import path

from units import views

app_name = "units"
urlpatterns = [
    path("staff/", views.StaffListView.as_view(), name="staff_list"),
    path("outbox/<int:pk>/resend/", views.OutboxResendView.as_view(), name="outbox_resend"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
]
