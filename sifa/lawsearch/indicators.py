"""法搜 indicators: searches by channel, questions without a good result (to improve the corpus and the Q&A),
and topics asked about by township (feeding 精准普法). All count SearchLog records by the date of the search."""

from django.db.models import Q

from sifa.indicators import Count, Ratio, register

from .models import Outcome

LINE = "法搜"
LOG = "lawsearch.SearchLog"

register(
    Count("lawsearch.searches", "法条检索次数", model=LOG, date="created_at", unit="次", line=LINE, order=10,
          dimensions=["channel", "topic", "outcome"],
          note="群众门户和工作人员的每次检索；门户检索计入县司法局，工作人员检索计入其所在单位。按乡镇（街道）、主题分列即各地群众关心的法律问题。"),
    Count("lawsearch.no_result", "无结果的检索", model=LOG, date="created_at", unit="次", line=LINE, order=11,
          filter=~Q(outcome=Outcome.FOUND), dimensions=["channel", "outcome"],
          note="没有找到条文或无法检索（空白、只有标点、过长）的问题：用来补充法规库和问答库。"),
    Ratio("lawsearch.no_result_rate", "无结果检索占比", numerator="lawsearch.no_result",
          denominator="lawsearch.searches", decimals=2, line=LINE, order=12, note="无结果的检索 ÷ 全部检索。"),
)
