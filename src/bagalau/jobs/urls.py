from django.urls import path

from bagalau.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:run_id>/", views.run_page, name="run"),
    path("<int:run_id>/retry/", views.retry, name="retry"),
]
