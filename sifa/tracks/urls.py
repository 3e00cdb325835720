"""In-product track pages (ingestion, alerts) are not built yet; the screening runs from `sifa screen-tracks`."""

app_name = "tracks"
urlpatterns: list = []
