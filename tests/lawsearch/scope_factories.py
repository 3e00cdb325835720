"""法搜's records for the cross-org scope matrix; the article pages are public and addressed
by citation (民法典第五百七十七条), not by a record id."""

from sifa.lawsearch.models import Channel, Outcome, SearchLog
from tests.scope_factories import register


@register("lawsearch.searchlog")
def search_log(org, user):
    return SearchLog.objects.create(org=org, channel=Channel.STAFF, query="拖欠工资", kind="question",
                                    outcome=Outcome.FOUND, result_count=1, top_id="劳动合同法第三十条")



@register("lawsearch.qaentry")
def qa_entry(org, user):
    from sifa.lawsearch.models import QAEntry

    return QAEntry.objects.create(org=org, question="工资被拖欠怎么办", answer="可申请劳动仲裁。",
                                  article_ids=["劳动合同法第三十条"])
