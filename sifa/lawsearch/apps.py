from django.apps import AppConfig


class LawsearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sifa.lawsearch"
    verbose_name = "法搜"

    def ready(self):
        from sifa.core import navigation
        from sifa.portal import services

        services.register("查法条", "lawsearch_portal:search", "用自己的话提问，找到相关法律条文和可以办理的服务",
                          order=5)
        navigation.register(navigation.NavEntry("法搜", "法条检索", "lawsearch:search", order=160))
        navigation.register(navigation.NavEntry("法搜", "发布法律问答", "lawsearch:publish_qa",
                                                capability="write_records", order=161))
