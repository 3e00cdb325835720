"""学法考法 on the portal (mounted under /portal/ so the portal's session reaches it)."""

from django.urls import path

from . import portal_views

app_name = "publicity_portal"

urlpatterns = [
    path("quiz/", portal_views.quiz_home, name="quiz_home"),
    path("quiz/<slug:code>/start/", portal_views.quiz_start, name="quiz_start"),
    path("quiz/attempt/<int:pk>/", portal_views.quiz_take, name="quiz_take"),
]
