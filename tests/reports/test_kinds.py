"""Report kinds as data (sifa.reports.kinds): each kind builds from the records with its parts, salutation and
落款; the bureau's layout (reorder, drop, add chapters) is kept and audited; the 法治政府建设年度报告's “4月1日前”
item on the home page comes and goes with its 报送 and 公开; every kind exports as .docx and PDF."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from sifa.core import deadlines
from sifa.core.models import AuditEvent
from sifa.indicators.errors import IndicatorError
from sifa.reports import actions, export_docx, export_pdf, kinds

from . import builders

RULE_OF_LAW_PARTS = ["一、2021年度推进法治政府建设的主要举措和成效", "二、2021年度推进法治政府建设存在的不足和原因",
                     "三、2021年度党政主要负责人履行推进法治建设第一责任人职责情况",
                     "四、2022年度推进法治政府建设的主要安排", "五、其他需要报告的事项"]


@pytest.fixture
def records(tree, bureau_user):
    builders.seed_000_mediation(tree["office_a"])
    builders.lawsuits(tree["bureau"], bureau_user, 3)
    return tree


def _texts(doc_bytes: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(doc_bytes)).paragraphs if p.text]


def test_half_year_kind_is_the_work_report(records, writer):
    actions.save_report(writer, org="341321", period="2021H1", version=0, problems="(一)调研不深入。",
                        plans="(一)维护稳定。")
    doc = kinds.build("half-year", "341321", "2021H1")
    text = doc.plain_text()
    assert doc.title == "砀山县司法局2021年上半年工作总结"
    assert [s.heading for s in doc.body] == ["一、2021年上半年工作推进情况", "二、存在问题", "三、下半年工作打算"]
    assert "调处纠纷640件" in text and "（一）调研不深入。" in text   # the 工作总结's free text flows in
    assert not doc.salutation


def test_annual_work_summary_to_county_committee_and_government(records):
    doc = kinds.build("annual", "341321", "2021")
    assert doc.title == "砀山县司法局2021年工作总结"
    assert doc.salutation == "中共砀山县委、砀山县人民政府："                        # seeds [001]/[002]
    assert doc.preface.endswith("现将有关工作情况报告如下：")
    assert [s.heading for s in doc.body] == ["一、2021年重点工作完成情况", "二、存在问题", "三、2022年工作思路"]
    assert doc.signer == "砀山县司法局"
    assert "调处纠纷640件" in doc.plain_text()


def test_annual_rule_of_law_report_has_the_five_parts(records, writer):
    doc = kinds.build(kinds.ANNUAL_RULE_OF_LAW, "341321", "2021")
    assert [s.heading for s in doc.body] == RULE_OF_LAW_PARTS
    assert doc.title == "砀山县司法局关于2021年度法治政府建设情况的报告"
    assert doc.salutation == "中共砀山县委、砀山县人民政府："      # a department reports to its county
    # For the county government, the bureau drafts it to the city: subject, salutation and 落款 follow.
    actions.save_kind_texts(writer, kind=kinds.ANNUAL_RULE_OF_LAW, org="341321", period="2021",
                            texts={"duty": "县长带头述法。", "other": "无"}, subject="砀山县人民政府")
    doc = kinds.build(kinds.ANNUAL_RULE_OF_LAW, "341321", "2021")
    assert doc.title == "砀山县人民政府关于2021年度法治政府建设情况的报告"
    assert doc.salutation == "中共宿州市委、宿州市人民政府："
    assert doc.signer == "砀山县人民政府"
    assert "县长带头述法。" in doc.plain_text()


def test_litigation_quarterly_pulls_only_its_paragraph(records):
    doc = kinds.build("litigation-quarterly", "341321", "2021Q1")
    assert doc.title == "砀山县2021年第一季度行政复议和应诉工作情况通报"
    items = [i for ch in doc.chapters for i in ch.items]
    assert items and {i.paragraph.key for i in items} == {"litigation.disputes"}
    assert "行政诉讼案件共3件" in doc.plain_text()
    assert "调处纠纷" not in doc.plain_text()


@pytest.mark.parametrize(("kind", "period", "message"), [
    ("annual", "2021H1", "年度工作总结的统计期间应为年度"),
    ("litigation-quarterly", "2021", "季度"),
    ("no-such", "2021", "报告类型“no-such”不存在"),
])
def test_a_period_the_kind_is_not_written_for_is_refused(tree, kind, period, message):
    with pytest.raises(IndicatorError, match=message):
        kinds.build(kind, "341321", period)


def test_layout_reorder_drop_add_survive_and_are_audited(records, writer):
    kind = "annual"
    before = kinds.build(kind, "341321", "2021")
    keys = [ch.key for ch in before.chapters]
    assert len(keys) >= 2
    first, second, *rest = keys
    entries = [{"key": second, "title": ""}, {"key": first, "title": "改写的章节标题"}] + \
              [{"key": k, "title": "", "dropped": True} for k in rest]
    actions.save_layout(writer, kind=kind, org="341321", period="2021", entries=entries, version=0)
    actions.add_chapter(writer, kind=kind, org="341321", period="2021", title="推进法治督察工作",
                        text="全年开展专项督察3次。", after=second)
    doc = kinds.build(kind, "341321", "2021")
    assert [ch.key for ch in doc.chapters] == [second, "custom-1", first]
    assert [ch.number for ch in doc.chapters] == ["（一）", "（二）", "（三）"]
    assert doc.chapters[2].title == "改写的章节标题"
    assert "（二）推进法治督察工作\n全年开展专项督察3次。" in doc.plain_text()
    rows = kinds.layout_rows(doc)
    assert [r["key"] for r in rows if r["dropped"]] == rest
    events = AuditEvent.objects.filter(verb="调整年度工作总结章节").order_by("pk")
    assert events.count() == 2
    assert [e["key"] for e in events.last().after["layout"]][:3] == [second, "custom-1", first]
    # the other kinds of the same org and period keep their own layout
    assert [ch.key for ch in kinds.build(kinds.ANNUAL_RULE_OF_LAW, "341321", "2021").chapters] == keys
    # a stale version writes nothing
    with pytest.raises(ValidationError, match="已被他人修改"):
        actions.save_layout(writer, kind=kind, org="341321", period="2021", entries=entries, version=0)


def test_bad_layouts_write_nothing(records, writer, leader):
    with pytest.raises(ValidationError, match="自行添加的章节须填写标题"):
        actions.save_layout(writer, kind="annual", org="341321", period="2021",
                            entries=[{"key": "custom-1", "title": ""}])
    with pytest.raises(ValidationError, match="不存在"):
        actions.save_layout(writer, kind="annual", org="341321", period="2021", entries=[{"key": "nope"}])
    with pytest.raises(ValidationError, match="角色不能编辑"):
        actions.save_layout(leader, kind="annual", org="341321", period="2021", entries=[])
    from sifa.reports.models import KindReport

    assert not KindReport.objects.exists()


def test_sentence_edits_and_figures_stay_linked_in_a_kind(records, writer):
    actions.save_sentence(writer, org="341321", period="2021", key="mediation.disputes:sweep",
                          text="全年调处纠纷{mediation.accepted}件，成功{mediation.succeeded=630}件。")
    doc = kinds.build("annual", "341321", "2021")
    text = doc.plain_text()
    assert "全年调处纠纷640件，成功630件。" in text
    assert [f.placeholder.code for f in doc.notes] == ["mediation.succeeded"] and doc.notes[0].note_number == 1


def test_april_first_item_comes_and_goes(records, writer):
    today = dt.date(2022, 3, 29)
    assert kinds.due_items(writer, today=today) == []     # a bureau that keeps no such report here is not reminded
    actions.record_filing(writer, org="341321", year=2020, submitted_on=dt.date(2021, 2, 26),
                          published_on=dt.date(2021, 3, 30), published_url="https://www.dangshan.gov.cn/2020.html")
    titles = [i.title for i in kinds.due_items(writer, today=today)]
    assert titles == ["砀山县司法局2021年度法治政府建设年度报告未报送、未公开（4月1日前向社会公开）"]
    item = kinds.due_items(writer, today=today)[0]
    assert item.due == dt.date(2022, 3, 31) and item.state == deadlines.NEAR
    assert kinds.due_items(writer, today=dt.date(2022, 4, 2))[0].state == deadlines.OVERDUE
    actions.record_filing(writer, org="341321", year=2021, submitted_on=dt.date(2022, 3, 1), published_on=None)
    assert "未公开" in kinds.due_items(writer, today=today)[0].title
    with pytest.raises(ValidationError, match="公开网址"):
        actions.record_filing(writer, org="341321", year=2021, submitted_on=dt.date(2022, 3, 1),
                              published_on=dt.date(2022, 3, 25))
    actions.record_filing(writer, org="341321", year=2021, submitted_on=dt.date(2022, 3, 1),
                          published_on=dt.date(2022, 3, 25), published_url="https://www.dangshan.gov.cn/x.html")
    assert kinds.due_items(writer, today=today) == []
    assert kinds.due_items in deadlines._sources     # on the home page through core.deadlines
    assert AuditEvent.objects.filter(verb="登记法治政府建设年度报告报送和公开").count() == 3
    assert kinds.due_items(writer, today=dt.date(2023, 1, 5))[0].title.startswith("砀山县司法局2022年度")


@pytest.mark.parametrize("kind,period", [("half-year", "2021H1"), ("annual", "2021"),
                                         (kinds.ANNUAL_RULE_OF_LAW, "2021"), ("litigation-quarterly", "2021Q1")])
def test_each_kind_exports_docx_and_pdf(records, kind, period):
    doc = kinds.build(kind, "341321", period)
    texts = _texts(export_docx.render(doc))
    assert texts[0] == doc.title
    for section in doc.body:
        assert section.heading in texts
    if doc.salutation:
        assert texts[1] == doc.salutation
    assert doc.signer in texts
    assert export_pdf.render(doc).startswith(b"%PDF")


def test_rule_of_law_docx_has_the_five_parts_and_salutation(records):
    texts = _texts(export_docx.render(kinds.build(kinds.ANNUAL_RULE_OF_LAW, "341321", "2021")))
    assert [t for t in texts if t in RULE_OF_LAW_PARTS] == RULE_OF_LAW_PARTS
    assert "中共砀山县委、砀山县人民政府：" in texts


def test_command_writes_a_kind(records, tmp_path):
    out_path = tmp_path / "x.docx"
    out = io.StringIO()
    call_command("report", "--kind", "annual-rule-of-law", "--org", "341321", "--period", "2021",
                 "--out", str(out_path), stdout=out)
    assert "砀山县司法局关于2021年度法治政府建设情况的报告：" in out.getvalue()
    assert [t for t in _texts(out_path.read_bytes()) if t in RULE_OF_LAW_PARTS] == RULE_OF_LAW_PARTS


def test_pages_as_a_user_would(records, writer, client):
    client.force_login(writer)
    url = reverse("reports:kind")
    page = client.get(url, {"kind": kinds.ANNUAL_RULE_OF_LAW, "org": "341321", "period": "2021"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "三、2021年度党政主要负责人履行推进法治建设第一责任人职责情况" in html and "未报送、未公开" in html
    query = "?kind=annual&org=341321-SFJ&period=2021"
    doc = kinds.build("annual", "341321", "2021")
    keys = [ch.key for ch in doc.chapters]
    post = {"key": keys, "version": "0"}
    titles = {ch.key: ch.title for ch in doc.chapters}
    for n, key in enumerate(reversed(keys), start=1):
        post[f"order-{key}"] = str(n)
        post[f"title-{key}"] = titles[key]          # as the form shows them
    post[f"drop-{keys[0]}"] = "1"
    response = client.post(reverse("reports:kind_layout") + query, post)
    assert response.status_code == 302
    assert [ch.key for ch in kinds.build("annual", "341321", "2021").chapters] == list(reversed(keys))[:-1]
    response = client.post(reverse("reports:kind_chapter") + query, {"title": "", "text": "x"})
    assert response.status_code == 400 and "自行添加的章节须填写标题" in response.content.decode()
    response = client.post(reverse("reports:kind_texts") + query, {"problems": "(一)经费不足。", "version": "1"})
    assert response.status_code == 302
    assert "（一）经费不足。" in kinds.build("annual", "341321", "2021").plain_text()
    docx = client.get(reverse("reports:kind_download", args=["docx"]) + query)
    assert docx.status_code == 200 and "中共砀山县委、砀山县人民政府：" in _texts(docx.content)
    bad = client.get(url, {"kind": "annual", "org": "341321", "period": "2021Q1"})
    assert bad.status_code == 400 and "年度工作总结的统计期间应为年度" in bad.content.decode()


def test_annual_kinds_compare_with_last_year_only_where_a_basis_exists(records, writer):
    assert "同比" not in kinds.build("annual", "341321", "2021").plain_text()   # no 2020 records, no baseline
    builders.sweeps(records["office_a"], 264, held_on=dt.date(2020, 3, 1))
    builders.cases(records["office_a"], 800, accepted=dt.date(2020, 3, 1), closed=dt.date(2020, 3, 20))
    text = kinds.build("annual", "341321", "2021").plain_text()
    assert "开展矛盾纠纷排查528次，同比增长100%，" in text
    assert "同比" not in kinds.build("half-year", "341321", "2021H1").plain_text()  # the half-year kind as before
    # a writer may ask for it in any sentence; it follows the records
    actions.save_sentence(writer, org="341321", period="2021H1", key="mediation.disputes:sweep",
                          text="上半年调处纠纷{mediation.accepted}件，同比{mediation.accepted:同比}。")
    assert "上半年调处纠纷640件，同比下降20%。" in kinds.build("half-year", "341321", "2021H1").plain_text()


def test_yoy_without_basis_leaves_its_clause_out(records, writer):
    actions.save_sentence(writer, org="341321", period="2021H1", key="mediation.disputes:sweep",
                          text="上半年调处纠纷{mediation.accepted}件，同比{mediation.accepted:同比}。")
    doc = kinds.build("half-year", "341321", "2021H1")
    assert "上半年调处纠纷640件。" in doc.plain_text() and not doc.notes
    with pytest.raises(ValidationError, match="同比不能人工修改"):
        actions.save_sentence(writer, org="341321", period="2021H1", key="mediation.disputes:sweep",
                              text="上半年调处纠纷{mediation.accepted}件，同比{mediation.accepted:同比=5}。")
