"""Fallback report paragraphs and dashboard figures for lines that are installed but have no `report.py` of their
own yet. A line's own registration (same line name) replaces these entirely (see registry.paragraphs), so this
module never has to be edited when a line takes over its paragraphs.

Sentence patterns follow DOMAIN.md's 报告句式 per line.
"""

from django.apps import apps

from .registry import Dashboard, Paragraph, Sentence, register, register_dashboard

if apps.is_installed("sifa.mediation"):
    # DOMAIN §2 报告句式; seed [000] (三)一是. Shares and 万人化解率 as in seed [002], for county and city reports.
    register(Paragraph(
        "mediation.disputes", line="人民调解", chapter="social_governance", order=10,
        lead="大力排查化解矛盾纠纷",
        sentences=[
            Sentence("sweep", "{期内}全{地域}各级人民调解组织共开展矛盾纠纷排查{mediation.screenings}次，"
                              "排查发现矛盾纠纷{mediation.screening_found}件，预防矛盾纠纷{mediation.screening_prevented}件，"
                              "调处纠纷{mediation.accepted}件，调解成功{mediation.succeeded}件，"
                              "调解成功率{mediation.success_rate}%。"),
            Sentence("levels", "其中村社调处{mediation.accepted_village}件，占比{mediation.level_share_village}%；"
                               "镇街调处{mediation.accepted_township}件，占比{mediation.level_share_township}%；"
                               "县级调处{mediation.accepted_county}件，占比{mediation.level_share_county}%。"
                               "万人化解率为{mediation.resolution_per_10k}。",
                     levels=("county", "city")),
        ],
        sums=(("mediation.accepted", ("mediation.accepted_village", "mediation.accepted_township",
                                      "mediation.accepted_county")),),
    ), fallback=True)
    register_dashboard(Dashboard(
        line="人民调解", order=30,
        key=("mediation.screenings", "mediation.accepted", "mediation.succeeded", "mediation.success_rate",
             "mediation.resolution_per_10k"),
        trend=("mediation.accepted", "mediation.succeeded", "mediation.screenings"),
        distribution=("mediation.accepted", "mediation.succeeded", "mediation.screenings"),
    ), fallback=True)
