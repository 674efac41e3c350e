from django.urls import path

from bagalau.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
