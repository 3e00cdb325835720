"""The publicity line's indicators (DOMAIN.md §8 指标).

Counting choices, also written into each note:
- 活动 by the event's date, every form (seed 000 “法治宣传教育活动70多次”); 讲座 and 以案释法 are forms of it.
- 资料份数, 宣传品, 标语, 板报, 现场咨询 and 受众人次 are sums over the events of the period (受众 is 人次: one
  person at two events counts twice).
- 新媒体 posts are 篇 summed per platform (seed 004 网站40余篇, 公众号600余篇).
- 民主法治示范村 and 法律明白人/法治带头人 are stocks at the period's end: named (registered) by then and not revoked
  (withdrawn); seed 000 reports them as totals (国家级2、省级6、市级13; 1,543 / 174).
- 学法考法: submitted answer sheets by the day taken; 合格率 = 合格 ÷ 交卷.
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Divisions, Ratio, Stock, Sum, register

from .models import TARGET_PER_VILLAGE, BackboneKind, Form, Level, Platform

LINE = "普法与依法治理"
ACTIVITY = "publicity.Activity"
DIMS = ["form", "topic", "audience"]


def activity_sum(code, name, field, unit, order, note):
    return Sum(code, name, model=ACTIVITY, date="held_on", field=field, unit=unit, line=LINE, order=order,
               dimensions=DIMS, note=note)


def understander_villages(code, name, at_least, order, note):
    return Stock(code, name, model="publicity.Backbone", start="registered_on", end="left_on",
                 filter=Q(kind=BackboneKind.UNDERSTANDER), per="village", at_least=at_least, unit="个", line=LINE,
                 order=order, note=note)


def village_stock(code, name, level, order, note):
    return Stock(code, name, model="publicity.ModelVillage", start="named_on", end="revoked_on", unit="个",
                 filter=Q(level=level) if level else None, line=LINE, order=order, dimensions=["level"], note=note)


register(
    Count("publicity.activities", "法治宣传教育活动", model=ACTIVITY, date="held_on", unit="次", line=LINE, order=10,
          dimensions=DIMS, note="按活动日期统计的各类普法活动（宣传、讲座、以案释法、送法下乡、新媒体、文艺、学法考法）"
                               "（砀山2021年上半年70多次）。"),
    Count("publicity.lectures", "法治讲座", model=ACTIVITY, date="held_on", filter=Q(form=Form.LECTURE), unit="场次",
          line=LINE, order=11, dimensions=["topic", "audience"], note="活动形式为讲座的（砀山2021年上半年19场次）。"),
    Count("publicity.case_talks", "以案释法活动", model=ACTIVITY, date="held_on", filter=Q(form=Form.CASE), unit="次",
          line=LINE, order=12, dimensions=["topic", "audience"], note="活动形式为以案释法的（[001] 150余次）。"),
    activity_sum("publicity.materials", "发放法治宣传资料", "materials", "份", 13,
                 "各次活动发放的资料份数之和（砀山2021年上半年近3万份）。"),
    activity_sum("publicity.giveaways", "发放法治宣传品", "giveaways", "件", 14, "各次活动发放的宣传品件数之和（[004] 1500余份）。"),
    activity_sum("publicity.audience", "受众群众", "attendance", "人次", 15,
                 "各次活动受众人次之和，同一人参加两次计两次（砀山2021年上半年4万余人）。"),
    activity_sum("publicity.banners", "悬挂宣传标语", "banners", "条", 16, "各次活动悬挂的标语条数之和（[004] 85条）。"),
    activity_sum("publicity.boards", "展出展板板报", "boards", "块", 17, "各次活动展出的展板、板报块数之和（[004] 25块）。"),
    activity_sum("publicity.consultations", "现场解答法律咨询", "consultations", "人次", 18,
                 "活动现场解答咨询的人次之和（[004] 350余人次）。"),
    Sum("publicity.posts", "新媒体普法信息", model="publicity.MediaPost", date="published_on", field="posts", unit="篇",
        line=LINE, order=20, dimensions=["platform", "topic"], note="各平台发布的普法信息篇数。"),
    Sum("publicity.web_posts", "网站普法信息", model="publicity.MediaPost", date="published_on", field="posts",
        filter=Q(platform=Platform.WEBSITE), unit="篇", line=LINE, order=21, dimensions=["topic"],
        note="门户网站发布的普法信息篇数（[004] 40余篇）。"),
    Sum("publicity.wechat_posts", "公众号普法信息", model="publicity.MediaPost", date="published_on", field="posts",
        filter=Q(platform=Platform.WECHAT), unit="篇", line=LINE, order=22, dimensions=["topic"],
        note="微信公众号发布的普法信息篇数（[004] 600余篇）。"),
    Stock("publicity.venues", "法治阵地", model="publicity.Venue", start="built_on", end="", unit="个", line=LINE,
          order=25, dimensions=["kind", "level"], note="期末已建成的法治文化公园、基地、长廊、书屋等阵地。"),
    village_stock("publicity.model_villages", "民主法治示范村（社区）", "", 30,
                  "期末已命名且未被撤销的各级民主法治示范村（社区）（[002] 327个）。"),
    village_stock("publicity.model_villages_national", "国家级民主法治示范村", Level.NATIONAL, 31,
                  "期末在册的全国民主法治示范村（社区）（砀山2个）。"),
    village_stock("publicity.model_villages_provincial", "省级民主法治示范村（社区）", Level.PROVINCIAL, 32,
                  "期末在册的省级民主法治示范村（社区）（砀山6个）。"),
    village_stock("publicity.model_villages_city", "市级民主法治示范村（社区）", Level.CITY, 33,
                  "期末在册的市级民主法治示范村（社区）（砀山13个）。"),
    Count("publicity.model_villages_named", "新命名民主法治示范村", model="publicity.ModelVillage", date="named_on",
          unit="个", line=LINE, order=34, dimensions=["level"], note="按命名日期统计的期内新命名示范村。"),
    Stock("publicity.understanders", "法律明白人", model="publicity.Backbone", start="registered_on", end="left_on",
          filter=Q(kind=BackboneKind.UNDERSTANDER), unit="人", line=LINE, order=40, dimensions=["source", "assessment"],
          note="期末在册的乡村“法律明白人”（砀山1543人）。"),
    Stock("publicity.rule_leaders", "法治带头人", model="publicity.Backbone", start="registered_on", end="left_on",
          filter=Q(kind=BackboneKind.LEADER), unit="人", line=LINE, order=41, dimensions=["source", "assessment"],
          note="期末在册的农村“法治带头人”（砀山174人）。"),
    Stock("publicity.backbones", "法治带头人和法律明白人", model="publicity.Backbone", start="registered_on",
          end="left_on", unit="人", line=LINE, order=42, dimensions=["kind", "source", "assessment"],
          note="期末在册的“法治带头人”与“法律明白人”合计，每人按其类别计一次（[001] 环翠938名；DOMAIN §17 歧义14）。"),
    understander_villages("publicity.villages_with_understanders", "配备法律明白人的村（社区）", 1, 43,
                          "期末至少有1名在册法律明白人的村（社区）。"),
    understander_villages("publicity.villages_understanders_met", f"法律明白人达{TARGET_PER_VILLAGE}名的村（社区）",
                          TARGET_PER_VILLAGE, 44,
                          f"期末在册法律明白人不少于{TARGET_PER_VILLAGE}名的村（社区）（每村（社区）≥{TARGET_PER_VILLAGE}名，"
                          "DOMAIN §8）；按登记单位分组时，一村的明白人分属两个单位的，只在各自达到的单位计入。"),
    Divisions("publicity.villages", "村（社区）", level="village", line=LINE, order=45,
              note="本单位辖区内的村（社区）级行政区划个数（行政区划库现状，不按期间）。"),
    Ratio("publicity.understander_staffing_rate", "村（社区）“法律明白人”配备率",
          numerator="publicity.villages_with_understanders", denominator="publicity.villages", line=LINE, order=46,
          show_parts=True, note="期末配备法律明白人的村（社区） ÷ 辖区村（社区）总数。"),
    Ratio("publicity.understander_target_rate", f"法律明白人每村≥{TARGET_PER_VILLAGE}名达标率",
          numerator="publicity.villages_understanders_met", denominator="publicity.villages", line=LINE, order=47,
          show_parts=True,
          note=f"期末在册法律明白人不少于{TARGET_PER_VILLAGE}名的村（社区） ÷ 辖区村（社区）总数（到2025年每村"
               f"（社区）≥{TARGET_PER_VILLAGE}名，即100%）。"),
    Count("publicity.quiz_sheets", "学法考法交卷", model="publicity.Attempt", date="taken_on",
          filter=Q(submitted_at__isnull=False), unit="人次", line=LINE, order=50, dimensions=["passed"],
          note="按答题日期统计的已交卷答卷（超时答卷不予接受，不计入）。"),
    Count("publicity.quiz_passed", "学法考法合格", model="publicity.Attempt", date="taken_on",
          filter=Q(submitted_at__isnull=False, passed=True), unit="人次", line=LINE, order=51,
          note="交卷得分不低于题库合格分数的。"),
    Ratio("publicity.quiz_pass_rate", "学法考法合格率", numerator="publicity.quiz_passed",
          denominator="publicity.quiz_sheets", line=LINE, order=52, show_parts=True, note="合格 ÷ 交卷。"),
)
