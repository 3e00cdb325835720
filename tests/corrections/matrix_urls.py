"""The page routes of the corrections family (corrections, remote visits, track screening, psychological
assessment), at their product prefixes (for test_matrix.py)."""

from django.urls import include, path

urlpatterns = [
    path("corrections/", include("sifa.corrections.urls")),
    path("visits/", include("sifa.visits.urls")),
    path("portal/visits/", include("sifa.visits.portal_urls")),
    path("tracks/", include("sifa.tracks.urls")),
    path("wellbeing/", include("sifa.wellbeing.urls")),
]
