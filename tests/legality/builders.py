"""Legality records for tests, built through the actions."""

import datetime as dt

from sifa.legality import actions

DRAFT = ("砀城镇农村建房管理办法\n"
         "第一条 为规范农村建房，根据《中华人民共和国土地管理法》第六十二条，制定本办法。\n"
         "第二条 村民建房须经镇人民政府审批后方可开工。\n"
         "第三条 违反本办法的，由镇综合执法队处以五千元罚款。\n"
         "第四条 建房所用砖瓦一律使用本镇企业生产的产品。\n"
         "第五条 本办法自印发之日起施行。\n")


def item(user, org, submitted_on=dt.date(2021, 3, 1), **extra):
    fields = dict(title="砀城镇农村建房管理办法", item_type="township", submitted_on=submitted_on,
                  basis="《中华人民共和国土地管理法》")
    fields.update(extra)
    return actions.submit(user, org=org, **fields)


def opined(user, org, submitted_on=dt.date(2021, 3, 1), opinion="amend", **extra):
    record = item(user, org, submitted_on, **extra)
    actions.accept(user, record, received_on=submitted_on)
    return actions.issue_opinion(user, record, opinion=opinion, reasons="经审查，建议修改。",
                                 opinion_on=submitted_on + dt.timedelta(days=14))
