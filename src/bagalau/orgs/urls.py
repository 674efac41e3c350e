"""Pages of state bodies and people; the staff import's pages are included from imports.urls."""

from django.urls import include, path

from bagalau.orgs import views

app_name = "orgs"

urlpatterns = [
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<slug:code>/", views.body, name="body"),
    path("bodies/<slug:code>/staff/", views.staff, name="staff"),
    path("employees/<int:pk>/", views.employee, name="employee"),
    path("employees/<int:pk>/edit/", views.employee_edit, name="employee_edit"),
    path("employees/<int:pk>/absences/", views.absence_add, name="absence_add"),
    path("employees/<int:pk>/dismissal/", views.dismissal_add, name="dismissal_add"),
    path("", include("bagalau.orgs.imports.urls")),
]
