"""The report paragraph of 行政复议 and 行政应诉 and their dashboards (DOMAIN.md §9–10 句式).

Seed [000] writes both lines as one paragraph (“二是积极办理行政复议和应诉工作。截至目前…共收到行政复议申请23件…
截至目前行政诉讼案件共56件…”), so the paragraph is declared once, here (the litigation line already depends on the
reconsideration line's agencies). The county-level sentences on the rates follow seed [001] (审结含去年结转、综合纠错率)
and seed [002] (协调调撤率; 一审收案、审结含旧存、败诉率); each rate's parts are on its indicator page.
"""

from sifa.reports.registry import Dashboard, Paragraph, Sentence, register, register_dashboard

register(
    Paragraph(
        "litigation.disputes", line="行政复议", chapter="law_based_governance", order=20,
        lead="积极办理行政复议和应诉工作", levels=("county", "city"),
        sentences=[
            Sentence("received", "截至目前{年度}度共收到行政复议申请{reconsideration.received}件，其中不予受理"
                                 "{reconsideration.declined}件，受理{reconsideration.accepted}件。已办结"
                                 "{reconsideration.closed}件，其中维持{reconsideration.upheld}件，终止"
                                 "{reconsideration.terminated}件，驳回{reconsideration.rejected}件，确认违法"
                                 "{reconsideration.unlawful}件，撤销{reconsideration.revoked}件。"),
            Sentence("rates", "办结案件中含去年结转{reconsideration.closed_carried}件，综合纠错率{reconsideration.comprehensive_correction_rate:2}%，协调调撤率"
                              "{reconsideration.settlement_rate:2}%。"),
            Sentence("lawsuits", "截至目前行政诉讼案件共{litigation.received}件，共开庭审理案件{litigation.heard}件，"
                                 "行政机关负责人出庭应诉案件{litigation.head_appeared}件。其中，案件办结"
                                 "{litigation.closed}件，驳回{litigation.rejected}件，准许原告撤回起诉"
                                 "{litigation.withdrawn}件，责令履行{litigation.perform}件，撤销{litigation.revoked}件。"),
            Sentence("losses", "一审行政诉讼案件收案{litigation.first_received}件，审结{litigation.first_closed}件"
                               "（含去年旧存），败诉{litigation.first_lost}件，败诉率为{litigation.loss_rate:2}%。"),
        ],
    ),
)

register_dashboard(Dashboard(
    line="行政复议", order=70,
    key=("reconsideration.received", "reconsideration.accepted", "reconsideration.closed",
         "reconsideration.direct_correction_rate", "reconsideration.comprehensive_correction_rate",
         "reconsideration.settlement_rate"),
    trend=("reconsideration.received", "reconsideration.closed"),
    distribution=("reconsideration.received", "reconsideration.closed"),
))
register_dashboard(Dashboard(
    line="行政应诉", order=71,
    key=("litigation.received", "litigation.heard", "litigation.head_appeared", "litigation.head_rate",
         "litigation.closed", "litigation.loss_rate"),
    trend=("litigation.received", "litigation.closed"),
    distribution=("litigation.received", "litigation.head_appeared"),
))
