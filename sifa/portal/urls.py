from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("mine/", views.mine, name="mine"),
    path("mine/export/", views.mine_export, name="mine_export"),
    path("lookup/", views.lookup, name="lookup"),
    path("privacy/", views.privacy, name="privacy"),
]
