"""Assembling the work report: structure of seed [000], figures computed from records, zero denominators,
writers' edits that keep the link to their figures, overrides marked, breakdown sums, levels."""

import datetime as dt

import pytest

from sifa.indicators.errors import OutOfScope, PeriodError, UnknownOrg
from sifa.reports import Chapter, actions, document, register_chapter, registry
from sifa.reports.registry import Paragraph, Sentence

from . import builders

D = dt.date


@pytest.fixture
def seeded(tree):
    builders.seed_000_mediation(tree["office_a"])
    return tree


def test_structure_and_figures_follow_seed_000(seeded):
    doc = document.build("341321", "2021H1", today=D(2021, 8, 13))
    assert doc.title == "砀山县司法局2021年上半年工作总结"
    assert doc.work_heading == "一、2021年上半年工作推进情况"
    assert doc.problems.heading == "二、存在问题" and doc.plans.heading == "三、下半年工作打算"
    assert (doc.signer, doc.signed_on) == ("砀山县司法局", D(2021, 8, 13))
    chapter = next(ch for ch in doc.chapters if ch.title == "推进社会治理法治化工作")
    text = document.paragraph_text(chapter)
    # the chapter's other paragraphs have no records in this fixture: they are listed, not printed, so the one
    # left has no 一是
    assert text.startswith("大力排查化解矛盾纠纷。")
    for phrase in ("全县各级人民调解组织共开展矛盾纠纷排查528次", "排查发现矛盾纠纷205件", "预防矛盾纠纷264件",
                   "调处纠纷640件", "调解成功627件", "调解成功率98%"):
        assert phrase in text
    assert doc.chapters[0].number == "（一）"
    plain = doc.plain_text()
    assert plain.splitlines()[0] == doc.title and "（待填写）" in plain
    # no as-of date was given: the half year's figures, stated under the 落款
    assert plain.endswith("\n砀山县司法局\n2021年8月13日\n附注：\n本报告数据截至2021年6月30日（2021年1月1日至2021年6月30日）。")


def test_every_figure_is_bound_to_an_indicator_instance(seeded):
    doc = document.build("341321", "2021H1")
    figures = {f.result.code: f for f in doc.figures if not f.placeholder.dims}
    assert figures["mediation.screenings"].result.value == 528
    assert figures["mediation.accepted"].url.startswith("/indicators/mediation.accepted/records/?org=341321-SFJ")
    assert "period=2021H1" in figures["mediation.accepted"].url
    assert figures["mediation.success_rate"].url.startswith("/indicators/mediation.success_rate/?")


def test_county_report_has_level_shares_that_sum(seeded):
    doc = document.build("341321", "2021H1")
    text = "".join(p.text for p in doc.pieces)
    assert "村社调处613件" in text and "镇街调处27件" in text and "县级调处0件" in text
    assert not [w for w in doc.warnings if "分项之和" in w]


def test_office_report_leaves_county_sentences_out(seeded):
    doc = document.build(seeded["office_a"], "2021H1")
    assert doc.title == "砀城司法所2021年上半年工作总结"
    text = "".join(p.text for p in doc.pieces)
    assert "全镇各级人民调解组织共开展矛盾纠纷排查528次" in text
    assert "村社调处" not in text


def test_a_period_without_records_prints_no_zero_sentences_nor_dashes(tree):
    """Every figure 0 and the rate undefined: the paragraph is listed for the writer with the reason, not printed as
    “调处纠纷0件…调解成功率—%” (issue 13); no 附注 is left for a figure that is not printed."""
    doc = document.build("341321", "2021H1")
    assert not any(f.result.code == "mediation.success_rate" for f in doc.figures)
    assert "调解成功率—" not in doc.plain_text() and "调处纠纷0件" not in doc.plain_text() and not doc.notes
    assert ("mediation.disputes", "本期各项数值均为0或无法计算，未写入报告") in [(p.key, r) for p, r in doc.waiting]


def test_an_undefined_rate_beside_real_figures_is_left_out_and_told_to_the_writer(tree):
    builders.sweeps(tree["office_a"], 3, found=2)  # sweeps but no case: 调解成功率 has no denominator
    doc = document.build("341321", "2021H1")
    text = doc.plain_text()
    assert "共开展矛盾纠纷排查3次" in text and "调解成功率" not in text and not doc.notes
    assert any("调解成功率—%" in w for w in doc.warnings)


def test_breakdown_that_does_not_sum_is_flagged(seeded):
    builders.cases(seeded["office_a"], 5, level="")  # accepted without a handling level
    doc = document.build("341321", "2021H1")
    assert any("分项之和（640）与合计（645）不一致" in w for w in doc.warnings)


def test_parts_written_as_dimensions_are_checked_without_declaring(seeded):
    registry.register(Paragraph("test.dims", line="测试条线", chapter="team", lead="按层级",
                                sentences=[Sentence("a", "受理{mediation.accepted}件，村社{mediation.accepted[level=village]}件，"
                                                         "镇街{mediation.accepted[level=township]}件。")]))
    try:
        doc = document.build("341321", "2021H1")
        assert "受理640件，村社613件，镇街27件。" in doc.plain_text()
        assert not [w for w in doc.warnings if "分项之和" in w]
        builders.cases(seeded["office_a"], 2, level="county")
        doc = document.build("341321", "2021H1")
        assert any("分项之和（640）与合计（642）不一致" in w for w in doc.warnings)
    finally:
        registry.unregister("test.dims")


def test_a_writers_edit_keeps_the_link_to_its_figure(seeded, writer):
    key = "mediation.disputes:sweep"
    actions.save_sentence(writer, org="341321", period="2021H1", key=key,
                          text="全县共排查矛盾纠纷{mediation.screenings}次，调处{mediation.accepted}件。")
    doc = document.build("341321", "2021H1")
    piece = document.find_piece(doc, key)
    assert piece.edited and piece.text == "全县共排查矛盾纠纷528次，调处640件。"
    builders.cases(seeded["office_a"], 10)  # new records move the figure inside the edited sentence
    piece = document.find_piece(document.build("341321", "2021H1"), key)
    assert piece.text == "全县共排查矛盾纠纷528次，调处650件。"


def test_an_override_is_visibly_marked(seeded, writer):
    key = "mediation.disputes:sweep"
    actions.save_sentence(writer, org="341321", period="2021H1", key=key,
                          text="共排查{mediation.screenings=530}次，调处{mediation.accepted}件。")
    doc = document.build("341321", "2021H1")
    override = doc.overrides[0]
    assert override.text == "530" and override.computed == "528"
    assert override.result.code == "mediation.screenings"
    assert doc.notes[override.note_number - 1] is override
    assert "人工修改：矛盾纠纷排查次数系统计算值为528次，报告中改为530" in override.note
    assert "附注：" in doc.plain_text()


def test_edit_for_another_period_or_org_does_not_leak(seeded, writer):
    actions.save_sentence(writer, org="341321", period="2021H1", key="mediation.disputes:sweep",
                          text="共排查{mediation.screenings}次。")
    assert not any(p.edited for p in document.build("341321", "2021H2").pieces)
    assert not any(p.edited for p in document.build(seeded["office_a"], "2021H1").pieces)


def test_stale_edit_is_flagged_when_the_template_changes(seeded, writer):
    from sifa.reports.models import SentenceEdit

    actions.save_sentence(writer, org="341321", period="2021H1", key="mediation.disputes:sweep",
                          text="共排查{mediation.screenings}次。")
    SentenceEdit.objects.update(template="旧的句式{mediation.screenings}")
    piece = document.find_piece(document.build("341321", "2021H1"), "mediation.disputes:sweep")
    assert piece.stale and any("系统句式已更新" in w for w in piece.warnings)


def test_paragraph_waiting_for_unregistered_indicators_is_left_out(tree):
    registry.register(Paragraph("test.waiting", line="测试待建", chapter="team", lead="测试待建段落",
                                sentences=[Sentence("a", "共{nowhere.accepted}件。")]))
    try:
        doc = document.build("341321", "2021H1")
        assert ("测试待建段落", "指标待建：nowhere.accepted") in [(p.lead, r) for p, r in doc.waiting]
        assert "测试待建段落" not in doc.plain_text()
        assert "test.waiting" in {p.key for p, _ in registry.coverage().waiting}
    finally:
        registry.unregister("test.waiting")


TEST_CHAPTER = Chapter("test_chapter", "测试章节", order=999)


def test_chapters_number_and_ordinals(seeded):
    register_chapter(TEST_CHAPTER)
    registry.register(
        Paragraph("test.first", line="测试条线", chapter=TEST_CHAPTER, lead="第一段", order=1,
                  sentences=[Sentence("a", "排查{mediation.screenings}次。")]),
        Paragraph("test.second", line="测试条线", chapter=TEST_CHAPTER, lead="第二段：", order=2,
                  sentences=[Sentence("a", "受理{mediation.accepted}件。")]))
    try:
        doc = document.build("341321", "2021H1")
        assert [ch.number for ch in doc.chapters] == [f"（{document.cn_number(i)}）" for i in
                                                     range(1, len(doc.chapters) + 1)]
        chapter = doc.chapters[-1]
        assert chapter.title == "测试章节"
        assert [i.ordinal for i in chapter.items] == ["一是", "二是"]
        assert document.paragraph_text(chapter) == "一是第一段。排查528次。二是第二段：受理640件。"
        registry.unregister("test.second")
        chapter = document.build("341321", "2021H1").chapters[-1]
        assert document.paragraph_text(chapter) == "第一段。排查528次。"  # one paragraph: no 一是
    finally:
        registry.unregister("test.first")
        registry.unregister("test.second")


def test_registration_rejects_bad_templates_and_chapters():
    from sifa.reports.templating import TemplateError

    with pytest.raises(TemplateError):
        Paragraph("test.bad", line="x", chapter="team", lead="x", sentences=["共{mediation.accepted件"])
    with pytest.raises(ValueError, match="报告章节“nowhere”不存在"):
        Paragraph("test.bad", line="x", chapter="nowhere", lead="x")
    with pytest.raises(ValueError, match="句子代码重复"):
        Paragraph("test.bad", line="x", chapter="team", lead="x", sentences=[Sentence("a", "x"), Sentence("a", "y")])


def test_titles_for_other_periods(tree):
    assert document.build("341321", "2021").plans.heading == "三、2022年工作打算"
    assert document.build("341321", "2021Q3").title == "砀山县司法局2021年第三季度工作总结"
    ytd = document.build("341321", "截至2021-08-13")
    assert ytd.title == "砀山县司法局2021年工作总结（截至8月13日）"
    assert ytd.plans.heading == "三、下步工作打算"


@pytest.mark.parametrize(("org", "period", "error", "message"), [
    ("341321", "2021H3", PeriodError, "无法识别的统计期间“2021H3”"),
    ("341321", "2021-13", PeriodError, "月份“13”不正确"),
    ("999999", "2021H1", UnknownOrg, "机构“999999”不存在"),
])
def test_bad_input_is_refused_in_chinese(tree, org, period, error, message):
    with pytest.raises(error, match=message):
        document.build(org, period)


def test_org_outside_the_viewers_scope_is_refused(tree, other_county, office_user):
    from sifa.core.models import Role
    from tests import factories

    leader_b = factories.user(other_county["bureau"], role=Role.LEADER, username="leader_b")
    with pytest.raises(OutOfScope, match="不在您的数据范围内"):
        document.build("341321", "2021H1", user=leader_b)
    with pytest.raises(OutOfScope):  # an office may not read its county's report
        document.build("341321", "2021H1", user=office_user)
