from django.apps import AppConfig


class TracksConfig(AppConfig):
    name = "sifa.tracks"
    label = "tracks"
    verbose_name = "智慧矫正（轨迹排查）"
