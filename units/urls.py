from django.urls import path

from units import views, views_articles, views_imports, views_notifications

app_name = "units"
urlpatterns = [
    path("staff/", views.StaffListView.as_view(), name="staff_list"),
    path("staff/new/", views.StaffCreateView.as_view(), name="staff_create"),
    path("staff/<int:pk>/edit/", views.StaffUpdateView.as_view(), name="staff_update"),
    path("staff/<int:pk>/move/", views.StaffMoveView.as_view(), name="staff_move"),
    path("staff/<int:pk>/leave/", views.StaffLeaveView.as_view(), name="staff_leave"),
    path("staff/<int:pk>/return/", views.StaffReturnView.as_view(), name="staff_return"),
    path("staff/import/", views_imports.StaffImportView.as_view(), name="staff_import"),
    path("imports/<int:pk>/", views_imports.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<slug:kind>/template.xlsx", views_imports.ImportTemplateView.as_view(), name="import_template"),
    path("outbox/<int:pk>/resend/", views.OutboxResendView.as_view(), name="outbox_resend"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("notifications/", views_notifications.NotificationListView.as_view(), name="notifications"),
    path("notifications/<int:pk>/open/", views_notifications.NotificationOpenView.as_view(), name="notification_open"),
    path("notifications/read/", views_notifications.NotificationReadAllView.as_view(), name="notifications_read"),
    path("articles/", views_articles.ArticleListView.as_view(), name="article_list"),
    path("articles/summary/", views_articles.ArticleSummaryView.as_view(), name="article_summary"),
    path("articles/new/", views_articles.ArticleFormView.as_view(), name="article_create"),
    path("articles/<int:pk>/edit/", views_articles.ArticleFormView.as_view(), name="article_update"),
    path("articles/<int:pk>/delete/", views_articles.ArticleDeleteView.as_view(), name="article_delete"),
]
