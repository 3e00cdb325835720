"""The mediation line's indicators (DOMAIN.md §2 统计指标), declared into the shared registry.

Counting choices, also written into each note:
- 受理（调处）纠纷 counts by intake date (受理类, DOMAIN §0). The seeds' “调处” is intake: [002]'s three levels add
  up to its 7549 受理.
- 调解成功 counts the *same cases*: those accepted in the period that were closed as 调解成功 by the period's last
  day (截止日). So 调解成功率 = 成功 ÷ 调处 is a rate over one set of cases and never exceeds 100%, as in every
  seed (627/640, 7531/7549, 748/749). Successes counted by closure date (办结类, with cases carried over from
  earlier periods) are a separate indicator, mediation.succeeded_closed.
- 调处 has one meaning everywhere: the disputes accepted (受理). 调处纠纷{n}件, 调解成功率 = 成功 ÷ 调处 and
  调处率 = 调处 ÷ 应调处 (调处 + disputes found by sweeps and not yet taken up) use the same figure, so the report
  never prints 调处640件 next to a 调处率 computed on another 调处. Seed [004] “排查出749件，调处749件，调处率100%”.
- 涉及金额, 当事人数 and 协议履行率 come from the data each dispute already holds (its amount, its parties, its
  agreement and the follow-up visits that record performance), on the same cohort as 调处.
- 排查次数/发现/预防 come from the sweeps (矛盾纠纷排查) by sweep date.
- Committees, mediators, brand rooms and 调解能手 are stocks at the period's last day (在册).
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Distinct, PerPopulation, Ratio, Stock, Sum, Total, register

from .models import CommitteeType, DisputeStatus, Level, Performance, Source

LINE = "人民调解"
DISPUTE = "mediation.Dispute"
CASE_DIMENSIONS = ["dispute_type", "source", "level", "difficult"]


def succeeded_by_cutoff(code: str, name: str, *, filter=None, **kwargs) -> Count:
    """Cases accepted in the period (intake date) and closed as 调解成功 no later than the period's last day."""
    filter = Q(**filter) if isinstance(filter, dict) else (filter or Q())
    return Count(code, name, model=DISPUTE, date="accepted_on", reached_by="closed_on",
                 filter=Q(status=DisputeStatus.SUCCEEDED) & filter, **kwargs)


def stock_since(code: str, name: str, **kwargs) -> Stock:
    """在册 where the start date may be unknown (a committee or mediator loaded from an old ledger without one):
    a record without a start date counts as in force since before any period; `end=""` means it never ends."""
    return Stock(code, name, undated_start=True, **kwargs)


ACCEPTED_NOTE = ("受理类，按受理日期统计（DOMAIN §0）；即工作报告中的“调处纠纷”“受理矛盾纠纷”，"
                 "东阳2021年村社5508+镇街1289+市级752=受理7549可证。")
SUCCESS_NOTE = ("与“受理（调处）纠纷”为同一批案件：本期受理、且在期末（截止日）前以调解成功结案的纠纷，"
                "故调解成功率不会超过100%（砀山627/640、东阳7531/7549、城中区748/749）。按结案日期统计的见"
                "“调解成功结案（按结案日期）”。")

register(
    Count("mediation.screenings", "矛盾纠纷排查次数", model="mediation.Screening", date="held_on", unit="次",
          line=LINE, order=10, note="按排查日期统计的排查次数，一次排查登记一条（砀山2021上半年528次）。"),
    Sum("mediation.screening_found", "排查发现矛盾纠纷", model="mediation.Screening", date="held_on",
        field="found_count", unit="件", line=LINE, order=11,
        note="各次排查登记的发现纠纷数之和，按排查日期统计（砀山2021上半年205件）。"),
    Sum("mediation.screening_prevented", "预防矛盾纠纷", model="mediation.Screening", date="held_on",
        field="prevented_count", unit="件", line=LINE, order=12,
        note="各次排查登记的预防（化解在萌芽状态、未形成纠纷）件数之和，按排查日期统计（砀山2021上半年264件）。"),
    Count("mediation.accepted", "受理（调处）矛盾纠纷", model=DISPUTE, date="accepted_on", line=LINE, order=20,
          dimensions=CASE_DIMENSIONS, note=ACCEPTED_NOTE),
    succeeded_by_cutoff("mediation.succeeded", "调解成功", line=LINE, order=21, dimensions=CASE_DIMENSIONS,
                        note=SUCCESS_NOTE),
    Ratio("mediation.success_rate", "调解成功率", numerator="mediation.succeeded", denominator="mediation.accepted",
          decimals=2, line=LINE, order=22,
          note="调解成功 ÷ 受理（调处），同一范围同一期间，四舍五入（东阳7531/7549=99.76%；砀山627/640=97.97%，"
               "报告按整数写作98%）。"),
    Count("mediation.succeeded_closed", "调解成功结案（按结案日期）", model=DISPUTE, date="closed_on",
          filter=Q(status=DisputeStatus.SUCCEEDED), line=LINE, order=23, dimensions=CASE_DIMENSIONS,
          note="办结类，按结案日期统计，含以前受理、本期结案的结转案件（DOMAIN §0）。"),
    PerPopulation("mediation.resolution_per_10k", "万人化解率", numerator="mediation.succeeded", per=10000,
                  unit="件/万人", decimals=2, line=LINE, order=24,
                  note="调解成功（化解）件数 ÷ 常住人口（万人），常住人口取核心参数中该区划该年度的数值；"
                       "报告中常写作“%”，实为件/万人（东阳7531件÷108.53万人=69.39）。"),
    Count("mediation.screening_accepted", "调处排查发现的纠纷", model=DISPUTE, date="accepted_on",
          filter=Q(source=Source.SCREENING), line=LINE, order=25,
          note="调处（受理）纠纷中来源为“排查发现”的，按受理日期统计；是“调处纠纷”的一部分，口径相同。"),
    Total("mediation.unhandled_found", "排查发现未调处纠纷", plus=["mediation.screening_found"],
          minus=["mediation.screening_accepted"], floor=0, line=LINE, order=26,
          note="排查发现矛盾纠纷 − 调处排查发现的纠纷，不小于0：排查发现、尚未受理调处的纠纷。"),
    Total("mediation.to_handle", "应调处纠纷", plus=["mediation.accepted", "mediation.unhandled_found"],
          line=LINE, order=27,
          note="调处（受理）纠纷 + 排查发现未调处纠纷：期内排查发现或经申请、移送、委派来到调解组织的全部纠纷。"
               "城中区“排查出矛盾纠纷749件，调处749件”即排查出的纠纷全部调处。"),
    Ratio("mediation.handling_rate", "调处率", numerator="mediation.accepted", denominator="mediation.to_handle",
          decimals=2, line=LINE, order=28, show_parts=True,
          note="调处纠纷 ÷ 应调处纠纷 × 100%。“调处”与“调处纠纷{n}件”“调解成功率=成功÷调处”是同一个数（受理），"
               "依城中区[004]“排查出矛盾纠纷749件，调处749件，调处率100%”：排查出的纠纷都已调处即100%。"
               "砀山[000]调处640件多于排查发现205件（多数来自申请和移送），故分母为调处纠纷加上排查发现而未调处的纠纷，"
               "不会超过100%（DOMAIN §17 歧义1）。"),
    Sum("mediation.amount", "涉及金额", model=DISPUTE, date="accepted_on", field="amount", unit="元", decimals=2,
        line=LINE, order=36, dimensions=CASE_DIMENSIONS,
        note="调处（受理）纠纷登记的涉及金额之和，按受理日期统计，与“调处纠纷”为同一批案件（随[000]“调处纠纷640件”"
             "的口径；种子报告未写涉及金额）。未登记金额的纠纷不计入。"),
    Distinct("mediation.parties", "当事人数", model=DISPUTE, date="accepted_on", field="parties", unit="人",
             line=LINE, order=37, dimensions=CASE_DIMENSIONS,
             note="调处（受理）纠纷登记的当事人人数（申请人、被申请人等，每件纠纷的每名当事人计1人），按受理日期统计，"
                  "与“调处纠纷”为同一批案件（随[000]“调处纠纷640件”的口径；种子报告未写当事人数）。"),
    Count("mediation.agreements", "达成调解协议", model="mediation.Agreement", date="signed_on", unit="份",
          line=LINE, order=45, dimensions=["form"],
          note="期内签订（生效）的人民调解协议，按签订日期统计，书面和口头协议均计（人民调解法第28条）。"),
    Count("mediation.agreements_performed", "协议已履行", model="mediation.Agreement", date="signed_on",
          reached_by="performed_on", filter=Q(performance=Performance.PERFORMED), unit="份", line=LINE,
          order=46, note="期内签订、且在期末（截止日）前已履行完毕的调解协议，与“达成调解协议”为同一批协议。"),
    Ratio("mediation.performance_rate", "协议履行率", numerator="mediation.agreements_performed",
          denominator="mediation.agreements", decimals=2, line=LINE, order=47,
          note="协议已履行 ÷ 达成调解协议 × 100%，同一批期内签订的协议（履行回访登记的“已履行”），部分履行不计；"
               "随[000]“调解成功627件”的同批口径（本期成立、期末前达成结果），种子报告未写履行率。"),
)

LEVEL_NAMES = {Level.VILLAGE: "村社", Level.TOWNSHIP: "镇街", Level.COUNTY: "县级"}
for order, (level, label) in enumerate(LEVEL_NAMES.items()):
    register(
        Count(f"mediation.accepted_{level}", f"{label}调处纠纷", model=DISPUTE, date="accepted_on",
              filter=Q(level=level), line=LINE, order=30 + 2 * order, dimensions=["dispute_type", "source"],
              note=f"由{label}人民调解组织办理（升级的按最终办理层级）的受理纠纷，按受理日期统计。"),
        Ratio(f"mediation.level_share_{level}", f"{label}调处占比", numerator=f"mediation.accepted_{level}",
              denominator="mediation.accepted", decimals=2, line=LINE, order=31 + 2 * order,
              note=f"{label}调处纠纷 ÷ 受理（调处）纠纷总数（东阳：村社5508件占72.96%、镇街1289件占17.08%、"
                   "市级752件占9.96%）。"),
    )

register(
    succeeded_by_cutoff("mediation.difficult_succeeded", "成功调处疑难复杂纠纷", filter=Q(difficult=True), line=LINE,
                        order=40, dimensions=["dispute_type", "source", "level"],
                        note="标记为疑难复杂（含升级调处的）且调解成功的纠纷，口径同“调解成功”（东阳140件）。"),
    succeeded_by_cutoff("mediation.abnormal_death_succeeded", "成功调处非正常死亡纠纷", filter=Q(abnormal_death=True),
                        line=LINE, order=41, dimensions=["dispute_type", "source", "level"],
                        note="涉非正常死亡且调解成功的纠纷（均属疑难复杂），口径同“调解成功”（东阳其中101件）。"),
    stock_since("mediation.committees", "人民调解委员会", model="mediation.MediationCommittee",
                start="established_on", end="dissolved_on", unit="个", line=LINE, order=50,
                dimensions=["committee_type", "level"],
                note="期末在册的人民调解委员会（成立日期不晚于期末、未撤销），未填成立日期的视为早已成立（红谷滩127个）。"),
    stock_since("mediation.sector_committees", "行业性专业性人民调解委员会", model="mediation.MediationCommittee",
                start="established_on", end="dissolved_on", filter=Q(committee_type=CommitteeType.SECTOR), unit="个",
                line=LINE, order=51, note="其中行业性专业性调委会，期末在册（红谷滩3个）。"),
    stock_since("mediation.mediators", "人民调解员", model="mediation.Mediator", start="joined_on", end="left_on",
                unit="人", line=LINE, order=52, dimensions=["employment", "position"],
                note="期末在任的人民调解员（聘任日期不晚于期末、未离任）（红谷滩550余人）。"),
    stock_since("mediation.experts", "调解能手", model="mediation.Mediator", start="joined_on", end="left_on",
                filter=Q(is_expert=True), unit="人", line=LINE, order=53,
                note="期末在任且评为调解能手的人民调解员（环翠8名）。"),
    stock_since("mediation.brand_rooms", "品牌调解室", model="mediation.BrandRoom", start="established_on", end="",
                unit="个", line=LINE, order=54, note="期末已设立的品牌调解室（环翠100个）。"),
    Count("mediation.petition_transfers", "援律访调接收移交", model="mediation.PetitionTransfer", date="received_on",
          unit="人次", line=LINE, order=60, dimensions=["route", "status"],
          note="从群众权益诉求服务中心（信访）接收的移交，按接收日期、人次统计；按分流方式分组即心理疏导、律师咨询、"
               "法律援助咨询、联合调解（环翠67=6+13+36+12）。"),
)
