"""The report paragraph of 普法与依法治理 and 法治乡村 and its dashboard (DOMAIN.md §8 句式, seed [000])."""

from sifa.reports.registry import Dashboard, Paragraph, Sentence, register, register_dashboard

register(
    Paragraph(
        "publicity.education", line="普法与依法治理", chapter="rule_of_law_publicity", order=30,
        lead="深入开展法治宣传教育", levels=("county", "city"),
        sentences=[
            Sentence("activities", "{期内}共组织法治宣传教育活动{publicity.activities:多}次，举办法治讲座{publicity.lectures}场次，"
                                   "发放资料{publicity.materials:近}份，受众群众{publicity.audience:余}人次。"),
            Sentence("displays", "悬挂宣传标语{publicity.banners}条，展出展板板报{publicity.boards}块，现场解答法律咨询"
                                 "{publicity.consultations}人次；通过网站发布普法信息{publicity.web_posts}篇，"
                                 "微信公众号发布{publicity.wechat_posts}篇。"),
        ],
    ),
    Paragraph(
        "publicity.villages", line="普法与依法治理", chapter="rule_of_law_publicity", order=31,
        lead="推进法治乡村建设", levels=("county", "city"),
        sentences=[
            Sentence("villages", "创建国家级民主法治示范村{publicity.model_villages_national}个，省级民主法治示范村(社区)"
                                 "{publicity.model_villages_provincial}个，市级民主法治示范村(社区)"
                                 "{publicity.model_villages_city}个；培养“法律明白人”{publicity.understanders}人，"
                                 "“法治带头人”{publicity.rule_leaders}人。"),
        ],
    ),
)

register_dashboard(Dashboard(
    line="普法与依法治理", order=80,
    key=("publicity.activities", "publicity.lectures", "publicity.materials", "publicity.audience",
         "publicity.understanders", "publicity.quiz_pass_rate"),
    trend=("publicity.activities", "publicity.lectures"),
    distribution=("publicity.activities", "publicity.audience"),
))
