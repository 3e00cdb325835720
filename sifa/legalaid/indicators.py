"""The legal-aid line's indicators (DOMAIN.md §3, §14 统计指标), declared into the shared registry.

Counting choices, also written into each note:
- 受理 (by 受理日期), 指派 (by first 指派日期) and 结案 (by 结案日期) are kept apart (DOMAIN §17 歧义11): seed [000]'s
  “受理办理案件892件” is 受理, seed [004]'s “指派法律援助案件127件” is 指派. Each splits by 刑事/民事/行政.
- 件 ≠ 人次: a group wage claim of 12 workers is one case and 12 受援人次 ([004] 农民工案件74件182人次).
- 值班律师法律帮助: one record per help session (件) with the people helped (人次); a 认罪认罚具结在场 record is one
  认罪认罚案件 ([004] 认罪认罚498件、法律帮助538人次).
- 法律咨询 counts consultations (件) and people (人次) by consultation date and channel ([004] 12348电话咨询197个,
  农民工来访214人次; [000] 法律咨询500余件 — “余” comes from the report sentence, the exact value is stored).
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Ratio, Sum, register

from .models import Channel, ConsultChannel, Decision, HelpKind, Referral, Satisfaction, Status

LINE = "法律援助"
APP = "legalaid.Application"
HELP = "legalaid.LegalHelp"
CONSULT = "legalaid.Consultation"
CASE_DIMENSIONS = ["case_area", "category", "channel"]
CONSULT_DIMENSIONS = ["channel", "topic", "referral", "is_migrant_worker"]

register(
    Count("legalaid.accepted", "受理法律援助案件", model=APP, date="received_on", line=LINE, order=10,
          dimensions=CASE_DIMENSIONS + ["is_migrant_worker", "review_basis"],
          note="受理类，按受理日期统计的法律援助申请和办案机关通知（含其后决定不予的），按刑事、民事、行政分列；"
               "即工作报告中的“受理办理案件”（砀山2021上半年892件）。"),
    Count("legalaid.granted", "决定给予法律援助", model=APP, date="decided_on", line=LINE, order=11,
          filter=Q(decision__in=[Decision.GRANT, Decision.PROVISIONAL]), dimensions=CASE_DIMENSIONS,
          note="按决定日期统计的给予（含先行提供）法律援助决定；通知辩护案件无需审查决定，不在此数。"),
    Count("legalaid.refused", "决定不予法律援助", model=APP, date="decided_on", line=LINE, order=12,
          filter=Q(decision=Decision.REFUSE), dimensions=CASE_DIMENSIONS,
          note="按决定日期统计的不予法律援助决定。"),
    Count("legalaid.decided", "作出审查决定", model=APP, date="decided_on", line=LINE, order=13,
          dimensions=CASE_DIMENSIONS, note="按决定日期统计的全部审查决定（给予、不予、先行提供）。"),
    Count("legalaid.decided_on_time", "按期作出审查决定", model=APP, date="decided_on", line=LINE, order=14,
          filter=Q(decided_on_time=True), dimensions=CASE_DIMENSIONS,
          note="自法律援助机构收到申请之日起七日内（《法律援助法》第四十三条，自然日，末日遇节假日顺延）作出的决定。"),
    Ratio("legalaid.decision_on_time_rate", "审查决定按期率", numerator="legalaid.decided_on_time",
          denominator="legalaid.decided", decimals=2, line=LINE, order=15,
          note="按期作出审查决定 ÷ 作出审查决定，同一期间（按决定日期）。"),
    Count("legalaid.notices", "办案机关通知辩护（代理）", model=APP, date="received_on", line=LINE, order=16,
          filter=Q(channel=Channel.NOTICE), dimensions=["notifying_organ", "circumstance", "stage"],
          note="按收到通知日期统计的公安机关、人民检察院、人民法院通知辩护（代理）案件（《法律援助法》第二十五、二十八条）。"),
    Count("legalaid.assigned", "指派法律援助案件", model=APP, date="assigned_on", line=LINE, order=20,
          dimensions=CASE_DIMENSIONS,
          note="按首次指派日期统计，更换承办人不重复计数（城中区2023年127件）。"),
    Count("legalaid.assigned_on_time", "按期指派", model=APP, date="assigned_on", line=LINE, order=21,
          filter=Q(assigned_on_time=True), dimensions=CASE_DIMENSIONS,
          note="决定给予之日起三日内（第四十三条）或收到通知之日起三日内（第三十六条）指派的案件。"),
    Ratio("legalaid.assignment_on_time_rate", "指派按期率", numerator="legalaid.assigned_on_time",
          denominator="legalaid.assigned", decimals=2, line=LINE, order=22,
          note="按期指派 ÷ 指派法律援助案件，同一期间（按指派日期）。"),
    Count("legalaid.closed", "法律援助案件结案", model=APP, date="closed_on", line=LINE, order=30,
          filter=Q(status=Status.CLOSED), dimensions=CASE_DIMENSIONS + ["closure_method"],
          note="办结类，按结案日期统计，含以前受理、本期结案的结转案件（DOMAIN §0）；终止、撤回的不计。"),
    Sum("legalaid.recovered", "挽回经济损失", model=APP, date="closed_on", field="recovered_amount", unit="元",
        decimals=2, filter=Q(status=Status.CLOSED), line=LINE, order=31, dimensions=CASE_DIMENSIONS,
        note="按结案日期统计的结案案件挽回经济损失金额之和。"),
    Count("legalaid.graded", "案卷质量评查", model=APP, date="graded_on", line=LINE, order=32,
          dimensions=["quality_grade", "case_area"], note="按评查日期统计的评查案卷，可按优秀、良好、合格、不合格分组。"),
    Sum("legalaid.subsidy", "办案补贴", model=APP, date="graded_on", field="subsidy_amount", unit="元", decimals=2,
        line=LINE, order=33, dimensions=["category", "quality_grade"],
        note="按评查日期统计，依补贴标准表计算（基本补贴+每增加一名受援人补贴；不合格案卷不予补贴）。"),
    Count("legalaid.rated", "受援人评价", model=APP, date="satisfaction_on", line=LINE, order=34,
          dimensions=["satisfaction", "case_area"], note="按评价日期统计的受援人满意度评价。"),
    Count("legalaid.satisfied", "受援人满意（含基本满意）", model=APP, date="satisfaction_on", line=LINE, order=35,
          filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC]), dimensions=["case_area"],
          note="评价为满意或基本满意的案件，按评价日期统计。"),
    Ratio("legalaid.satisfaction_rate", "受援人满意率", numerator="legalaid.satisfied", denominator="legalaid.rated",
          decimals=2, line=LINE, order=36, note="满意（含基本满意）÷ 受援人评价，同一期间。"),
    Count("legalaid.migrant_cases", "农民工法律援助案件", model=APP, date="received_on", line=LINE, order=40,
          filter=Q(is_migrant_worker=True), dimensions=CASE_DIMENSIONS + ["review_basis"],
          note="受理类，按受理日期统计的农民工案件（讨薪、工伤等，多走第四十二条免予核查绿色通道）（城中区2023年74件）。"),
    Sum("legalaid.migrant_persons", "农民工受援人次", model=APP, date="received_on", field="recipients", unit="人次",
        filter=Q(is_migrant_worker=True), line=LINE, order=41, dimensions=CASE_DIMENSIONS,
        note="农民工案件的受援人数之和，群体讨薪一件计多人次（城中区2023年74件182人次）。"),
    Sum("legalaid.recipients", "受援人次", model=APP, date="received_on", field="recipients", unit="人次",
        line=LINE, order=42, dimensions=CASE_DIMENSIONS, note="受理案件的受援人数之和，按受理日期统计。"),
    Count("legalaid.legal_help", "值班律师法律帮助", model=HELP, date="helped_on", line=LINE, order=50,
          dimensions=["kind", "station_kind"],
          note="值班律师在法院、检察院、看守所工作站提供法律帮助的次数（件），按帮助日期统计（东阳2021年802件）。"),
    Sum("legalaid.legal_help_persons", "法律帮助人次", model=HELP, date="helped_on", field="persons", unit="人次",
        line=LINE, order=51, dimensions=["kind", "station_kind"],
        note="值班律师法律帮助的人次之和（城中区2023年538人次）。"),
    Count("legalaid.plea_cases", "认罪认罚从宽案件", model=HELP, date="helped_on", line=LINE, order=52,
          filter=Q(kind=HelpKind.PLEA), dimensions=["station_kind"],
          note="值班律师在场见证认罪认罚具结书签署的案件，一案一条（城中区2023年498件）。"),
    Count("legalaid.consultations", "解答法律咨询", model=CONSULT, date="asked_on", line=LINE, order=60,
          dimensions=CONSULT_DIMENSIONS,
          note="按咨询日期统计的法律咨询件数，按12348热线、来访、网上、值班站、联络点分渠道（砀山2021上半年500余件，"
               "报告写“余”，系统保存精确数）。"),
    Sum("legalaid.consultation_persons", "法律咨询人次", model=CONSULT, date="asked_on", field="persons",
        unit="人次", line=LINE, order=61, dimensions=CONSULT_DIMENSIONS,
        note="法律咨询的人次之和（一起来访的多人计多人次）。"),
    Count("legalaid.hotline_consultations", "12348热线咨询", model=CONSULT, date="asked_on", unit="个",
          filter=Q(channel=ConsultChannel.HOTLINE), line=LINE, order=62, dimensions=["topic", "is_migrant_worker"],
          note="12348公共法律服务热线解答的咨询，按来电计（城中区2023年197个）。"),
    Sum("legalaid.migrant_visits", "接待农民工来访", model=CONSULT, date="asked_on", field="persons",
        unit="人次", filter=Q(channel=ConsultChannel.VISIT, is_migrant_worker=True), line=LINE, order=63,
        dimensions=["topic"], note="来访咨询中农民工的人次（城中区2023年214人次）。"),
    Sum("legalaid.visit_call_persons", "接待来访来电群众", model=CONSULT, date="asked_on", field="persons",
        unit="人次", filter=Q(channel__in=[ConsultChannel.VISIT, ConsultChannel.HOTLINE]), line=LINE, order=64,
        dimensions=["topic", "is_migrant_worker"],
        note="来访和12348来电咨询的人次之和（东阳2021年6427人次）。"),
    Count("legalaid.referrals", "咨询转介", model=CONSULT, date="asked_on", line=LINE, order=65,
          filter=~Q(referral=Referral.NONE), dimensions=["referral", "channel"],
          note="答复后转法律援助、人民调解、律师或有关部门的咨询，按咨询日期统计。"),
)
