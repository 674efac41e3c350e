from django.urls import path

from bagalau.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("methodology/", views.packs, name="packs"),
    path("methodology/<slug:pack_id>/", views.pack, name="pack"),
]
