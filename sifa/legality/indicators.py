"""The legality line's indicators (DOMAIN.md §11 指标), declared into the shared registry.

- 进行合法性审查 counts items by their 受理 date (seed 000 砀山2021: 50余项); 出具审查意见 by the opinion's date,
  every conclusion but 不属审查范围 (seed 000: 43件).
- 审核率 = published normative documents that went through legality review ÷ published (seed 001: 政府3 + 部门8,
  100%); 报备率 = filed ÷ published, 及时报备率 = filed within the period ÷ published, 规范率 = filed complete ÷ filed.
- 采纳率 = adopted (in full or part) ÷ adoption recorded.
"""

from __future__ import annotations

from django.db.models import F, Q

from sifa.indicators import Count, Ratio, RelatedDimension, Sum, register

LINE = "合法性审查"
ITEM = "legality.ReviewItem"
DOC = "legality.NormativeDoc"
ITEM_DIMENSIONS = ["item_type", RelatedDimension("agency", "送审机关")]
OPINED = Q(opinion_on__isnull=False) & ~Q(opinion="out_of_scope")

register(
    Count("legality.submitted", "合法性审查送审", model=ITEM, date="submitted_on", line=LINE, order=10,
          dimensions=ITEM_DIMENSIONS, note="按送审日期统计的送审事项（乡镇与县直部门）。"),
    Count("legality.reviewed", "进行合法性审查", model=ITEM, date="received_on", line=LINE, order=11,
          dimensions=ITEM_DIMENSIONS, note="按受理日期统计的审查事项（砀山2021年上半年50余项）。"),
    Count("legality.normative_reviewed", "规范性文件合法性审查", model=ITEM, date="received_on",
          filter=Q(item_type__in=["gov_normative", "dept_normative"]), line=LINE, order=16,
          dimensions=ITEM_DIMENSIONS, note="按受理日期统计的政府和部门规范性文件审查事项（城中2023年10件）。"),
    Count("legality.opinions", "出具合法性审查意见", model=ITEM, date="opinion_on", filter=OPINED, line=LINE, order=12,
          dimensions=[*ITEM_DIMENSIONS, "opinion"], note="按意见日期统计，不含不属审查范围的（砀山2021年上半年43件）。"),
    Count("legality.major_reviewed", "重大行政决策合法性审查", model=ITEM, date="opinion_on",
          filter=OPINED & Q(item_type="major_decision"), line=LINE, order=13,
          note="按意见日期统计的重大行政决策（环翠2022年12件）。"),
    Count("legality.party_reviewed", "协助审核党内文件", model=ITEM, date="opinion_on",
          filter=OPINED & Q(item_type="party"), line=LINE, order=14, note="环翠2022年72件。"),
    Count("legality.township_reviewed", "乡镇合法性审查", model=ITEM, date="received_on",
          filter=Q(township__isnull=False), line=LINE, order=15, note="乡镇（街道）送审、司法所审查的事项。"),
    Count("legality.adoption_recorded", "已登记采纳情况", model=ITEM, date="adoption_on", line=LINE, order=20,
          filter=~Q(adoption=""), note="按采纳登记日期统计。"),
    Count("legality.adopted", "审查意见被采纳", model=ITEM, date="adoption_on", line=LINE, order=21,
          filter=Q(adoption__in=["adopted", "partly"]), note="全部或部分采纳的。"),
    Ratio("legality.adoption_rate", "审查意见采纳率", numerator="legality.adopted",
          denominator="legality.adoption_recorded", line=LINE, order=22, show_parts=True,
          note="采纳（含部分采纳）÷ 已登记采纳情况的。"),
    Sum("legality.review_days_total", "审查用时合计", model=ITEM, date="opinion_on", field="review_days",
        filter=Q(review_days__isnull=False), unit="个工作日", line=LINE, order=30, note="扣除补充材料期间。"),
    Count("legality.opinions_timed", "有审查用时的意见", model=ITEM, date="opinion_on",
          filter=Q(review_days__isnull=False), line=LINE, order=31, note="出具意见且有受理日期的事项。"),
    Ratio("legality.average_review_days", "平均审查用时", numerator="legality.review_days_total",
          denominator="legality.opinions_timed", factor=1, unit="个工作日", decimals=1, line=LINE, order=32,
          show_parts=True, note="审查用时合计 ÷ 出具意见的事项（工作日，扣除补充材料期间）。"),
    Count("legality.docs_published", "发布规范性文件", model=DOC, date="published_on", line=LINE, order=40,
          dimensions=["kind"], note="按公布日期统计的统一登记的规范性文件。"),
    Count("legality.gov_docs", "发布政府规范性文件", model=DOC, date="published_on", filter=Q(kind="government"),
          line=LINE, order=41, note="环翠2022年3件。"),
    Count("legality.dept_docs", "发布部门规范性文件", model=DOC, date="published_on", filter=Q(kind="department"),
          line=LINE, order=42, note="按公布日期统计。"),
    Count("legality.dept_docs_filed", "部门规范性文件已备案", model=DOC, date="published_on",
          filter=Q(kind="department", filed_on__isnull=False), line=LINE, order=43, note="环翠2022年8件。"),
    Count("legality.docs_reviewed", "经合法性审核的规范性文件", model=DOC, date="published_on",
          filter=Q(item__opinion_on__isnull=False), line=LINE, order=44, note="登记时关联了出具意见的审查事项的。"),
    Ratio("legality.review_rate", "合法性审核率", numerator="legality.docs_reviewed",
          denominator="legality.docs_published", line=LINE, order=45, show_parts=True,
          note="经合法性审核 ÷ 发布（环翠2022年11/11=100%）。"),
    Count("legality.docs_filed", "已报备规范性文件", model=DOC, date="published_on",
          filter=Q(filed_on__isnull=False), line=LINE, order=46, note="按公布日期统计的已报备文件。"),
    Count("legality.docs_filed_on_time", "及时报备", model=DOC, date="published_on",
          filter=Q(filed_on__isnull=False, filed_on__lte=F("filing_due")), line=LINE, order=47,
          note="在报备期限内报备的。"),
    Count("legality.docs_filed_complete", "报备规范", model=DOC, date="published_on",
          filter=Q(filed_on__isnull=False, filing_complete=True), line=LINE, order=48, note="报备材料齐全规范的。"),
    Ratio("legality.filing_rate", "报备率", numerator="legality.docs_filed", denominator="legality.docs_published",
          line=LINE, order=49, show_parts=True, note="已报备 ÷ 发布。"),
    Ratio("legality.timely_filing_rate", "及时报备率", numerator="legality.docs_filed_on_time",
          denominator="legality.docs_published", line=LINE, order=50, show_parts=True, note="及时报备 ÷ 发布。"),
    Ratio("legality.filing_quality_rate", "报备规范率", numerator="legality.docs_filed_complete",
          denominator="legality.docs_filed", line=LINE, order=51, show_parts=True, note="报备规范 ÷ 已报备。"),
    Count("legality.gov_docs_cleaned", "清理政府规范性文件", model=DOC, date="validity_on",
          filter=Q(kind="government", validity__in=["amended", "repealed", "expired"]), line=LINE, order=60,
          note="按清理日期统计的修改、废止、宣布失效的（环翠2022年2件）。"),
    Count("legality.dept_docs_cleaned", "清理部门规范性文件", model=DOC, date="validity_on",
          filter=Q(kind="department", validity__in=["amended", "repealed", "expired"]), line=LINE, order=61,
          note="环翠2022年2件。"),
    Count("legality.findings", "机审提示", model="legality.Finding", date="submitted_on", line=LINE,
          order=70, dimensions=["kind", "status"], note="送审稿机审发现的问题，按送审日期统计。"),
    Count("legality.findings_decided", "已判断的机审提示", model="legality.Finding", date="submitted_on",
          filter=~Q(status="open"), line=LINE, order=71, note="审查人已采纳或不采纳的。"),
    Count("legality.findings_accepted", "被采纳的机审提示", model="legality.Finding", date="submitted_on",
          filter=Q(status="accepted"), line=LINE, order=72, dimensions=["kind"], note="审查人采纳的。"),
    Ratio("legality.finding_acceptance_rate", "机审提示采纳率", numerator="legality.findings_accepted",
          denominator="legality.findings_decided", line=LINE, order=73, show_parts=True,
          note="采纳 ÷ 已判断的机审提示。"),
)
