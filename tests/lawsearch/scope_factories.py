"""法搜's records for the cross-org scope matrix; the article pages are public and addressed
by citation (民法典第五百七十七条), not by a record id."""

from sifa.lawsearch.models import Channel, Outcome, SearchLog
from tests.scope_factories import register


@register("lawsearch.searchlog")
def search_log(org, user):
    return SearchLog.objects.create(org=org, channel=Channel.STAFF, query="拖欠工资", kind="question",
                                    outcome=Outcome.FOUND, result_count=1, top_id="劳动合同法第三十条")

