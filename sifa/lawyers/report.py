"""The lawyers line's paragraphs of the work report (DOMAIN.md §13 句式; seed [000] (五)一是/二是, [001] 惠企法律
大体检, [004] 公职律师统筹使用) and its dashboard."""

from sifa.reports import registry as reports
from sifa.reports.registry import Dashboard, Paragraph, Sentence

LINE = "律师与法律服务管理"

reports.register(
    Paragraph(
        "lawyers.petition_duty", line=LINE, chapter="legal_services", order=10,
        lead="引导律师积极参与处理涉法信访工作",
        sentences=[
            Sentence("duty", "全县律师积极参与涉法涉诉信访工作，{期内}参与信访值班接访{lawyers.duty_turns}人次，"
                             "接待接访法律咨询{lawyers.duty_consultations}人次，参与接访事项{lawyers.duty_matters}件。"),
        ],
    ),
    Paragraph(
        "lawyers.counsel", line=LINE, chapter="legal_services", order=11,
        lead="发挥律师专业优势积极服务社会",
        sentences=[
            Sentence("enterprises", "律师事务所为企业担任法律顾问{lawyers.advised_enterprises}家，提供法律意见"
                                    "{lawyers.enterprise_opinions}条，为企业参与起草、审核规章制度"
                                    "{lawyers.enterprise_rules}个，代理参加调解、诉讼或仲裁"
                                    "{lawyers.enterprise_representation}件。"),
            Sentence("public", "全县党政机关公职律师{lawyers.public_lawyers}名，其中统筹调配{lawyers.public_reallocated}名，"
                               "公职律师工作覆盖率达到{lawyers.public_coverage:0}%。", levels=("county", "city")),
            Sentence("villages", "{lawyers.advised_villages}个村(社区)配备法律顾问，法律顾问解答法律咨询"
                                 "{lawyers.counsel_consultations}件，参与调解{lawyers.counsel_mediations}件。",
                     levels=("county", "city")),
        ],
    ),
    Paragraph(
        "lawyers.checkup", line=LINE, chapter="legal_services", order=12, levels=("county", "city"),
        lead="开展惠企法律大体检",
        sentences=[
            Sentence("checkup", "组织辖区内{lawyers.checkup_firms}家律师事务所成立了{lawyers.checkup_teams}个走访团队，"
                                "深入{lawyers.checkup_enterprises}家企业开展法治体检服务，累计解答法律咨询"
                                "{lawyers.checkup_consultations}次，解决法律问题{lawyers.checkup_problems}个，审查合同"
                                "{lawyers.checkup_contracts}份，提出法律意见{lawyers.checkup_opinions}条。"),
        ],
    ),
)

reports.register_dashboard(Dashboard(
    line=LINE, order=80,
    key=("lawyers.practising", "lawyers.per_10k", "lawyers.public_coverage", "lawyers.advised",
         "lawyers.checkup_enterprises", "lawyers.duty_turns"),
    trend=("lawyers.duty_turns", "lawyers.checkup_enterprises"),
    distribution=("lawyers.practising", "lawyers.advised"),
))
