from django.apps import AppConfig

NAV = (
    ("智慧矫正", "轨迹预警核查", "tracks:alert_list", 1),
    ("智慧矫正", "轨迹排查", "tracks:run_list", 2),
    ("智慧矫正", "定位数据导入", "tracks:upload", 3),
    ("智慧矫正", "准许活动区域", "tracks:area_list", 4),
    ("智慧矫正", "二次排查", "tracks:police_list", 5),
)


class TracksConfig(AppConfig):
    name = "sifa.tracks"
    label = "tracks"
    verbose_name = "智慧矫正（轨迹排查）"

    def ready(self):
        from sifa.core import navigation

        for section, label, url_name, rank in NAV:
            navigation.register(navigation.NavEntry(section, label, url_name, capability="read_tracks",
                                                    order=320 + rank))
        from sifa.core import daily

        daily.register("行踪轨迹保存期清理", purge_tracks, order=80)


def purge_tracks(day) -> str:
    """The daily job: location points of subjects discharged longer ago than the retention period (as
    `sifa purge-tracks`)."""
    from .actions import purge_points

    result = purge_points(today=day)
    return f"已删除{result['subjects']}名对象（{result['cutoff']}前解矫）的定位点{result['points']}个。"
