from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative_list"),
    path("initiatives/new/", views.InitiativeFormView.as_view(), name="initiative_create"),
    path("initiatives/<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.InitiativeFormView.as_view(), name="initiative_update"),
    path("conduct/", views.ConductListView.as_view(), name="conduct_list"),
    path("staff/<int:staff>/conduct/new/", views.ConductFormView.as_view(), name="conduct_create"),
    path("conduct/<int:pk>/edit/", views.ConductFormView.as_view(), name="conduct_update"),
    path("conduct/<int:pk>/delete/", views.ConductDeleteView.as_view(), name="conduct_delete"),
]
