from django.urls import path

from movements import views

app_name = "movements"
urlpatterns = [
    path("plans/", views.YearPlanListView.as_view(), name="plan_list"),
    path("plans/new/", views.YearPlanFormView.as_view(), name="plan_create"),
    path("plans/<int:plan>/edit/", views.YearPlanFormView.as_view(), name="plan_update"),
]
