"""Plugs the publicity line into navigation."""

SECTION = "普法与依法治理"
NAV = (("普法活动", "publicity:activity_list", "read_records"),
       ("现场登记活动", "publicity:activity_create", "write_records"),
       ("新媒体普法", "publicity:post_list", "read_records"),
       ("法治阵地", "publicity:venue_list", "read_records"),
       ("法治乡村", "publicity:villages", "read_records"),
       ("法律明白人", "publicity:backbone_list", "read_records"),
       ("普法责任制", "publicity:plan_list", "read_records"),
       ("精准普法需求", "publicity:needs", "read_records"),
       ("学法考法", "publicity:bank_list", "read_records"))


def register_all() -> None:
    from sifa.core import navigation
    from sifa.portal import services

    services.register("学法考法", "publicity_portal:quiz_home", "限时答题，学习身边的法律", order=80)

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=640 + offset))
