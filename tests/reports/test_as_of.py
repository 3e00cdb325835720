"""A report's as-of date (issue 13, item 7): sentences written 截至目前/至今/目前 count from the year's start to it,
the other sentences count the report's period, and the report states the date it used."""

import datetime as dt

import pytest
from django.urls import reverse

from sifa.mediation.models import DisputeStatus, Level
from sifa.reports import actions, document
from sifa.reports.registry import Paragraph, Sentence, register, unregister

from . import builders

D = dt.date
JULY_5, JULY_20 = D(2021, 7, 5), D(2021, 7, 20)


@pytest.fixture
def records(tree):
    """Seed [000]'s figures by 13 August: part of them in the first half, the rest in July."""
    office = tree["office_a"]
    builders.sweeps(office, 500, found=190, prevented=250)
    builders.sweeps(office, 28, found=15, prevented=14, held_on=JULY_5)
    builders.cases(office, 590)
    builders.cases(office, 37, accepted=JULY_5, closed=JULY_20)
    builders.cases(office, 13, status=DisputeStatus.FAILED)
    builders.cases(office, 4, accepted=D(2021, 8, 20), closed=D(2021, 8, 30), level=Level.TOWNSHIP)  # after the date
    return tree


def sweep_text(doc) -> str:
    return document.find_piece(doc, "mediation.disputes:sweep").text


def test_to_date_sentences_count_to_the_as_of_date_and_the_others_the_period(records):
    doc = document.build("341321", "2021H1", as_of=D(2021, 8, 13))
    # “截至目前全县…”: 1 January to 13 August — seed [000]'s figures
    assert sweep_text(doc) == ("截至目前全县各级人民调解组织共开展矛盾纠纷排查528次，排查发现矛盾纠纷205件，"
                               "预防矛盾纠纷264件，调处纠纷640件，调解成功627件，调解成功率98%。")
    assert document.find_piece(doc, "mediation.disputes:sweep").to_date
    # the levels sentence has no time word: it counts the half year (590 + 13 village cases by 30 June)
    levels = document.find_piece(doc, "mediation.disputes:levels")
    assert not levels.to_date and "村社调处603件" in levels.text
    figure = next(f for f in doc.figures if f.result.code == "mediation.accepted" and f.text == "640")
    assert "period=%E6%88%AA%E8%87%B32021-08-13" in figure.url  # drills into 截至2021-08-13
    assert doc.as_of == D(2021, 8, 13)
    assert doc.basis == ("本报告数据截至2021年8月13日：写作“截至目前”“至今”“目前”的数字自2021年1月1日统计至"
                         "2021年8月13日，其余数字按2021年上半年（2021年1月1日至2021年6月30日）统计。")
    assert doc.plain_text().endswith("附注：\n" + doc.basis)
    assert doc.appendix.startswith("（附注：本报告数据截至2021年8月13日")


def test_without_a_date_the_period_end_is_used_and_said(records):
    doc = document.build("341321", "2021H1", today=D(2026, 12, 7))
    assert doc.as_of == D(2021, 6, 30)
    assert "调处纠纷603件" in sweep_text(doc)  # the half year: to_date and period coincide
    assert doc.basis == "本报告数据截至2021年6月30日（2021年1月1日至2021年6月30日）。"


def test_the_saved_date_of_the_report_is_its_as_of_date(records, writer):
    actions.save_report(writer, org="341321", period="2021H1", version=0, signed_on=D(2021, 8, 13))
    doc = document.build("341321", "2021H1")
    assert doc.as_of == D(2021, 8, 13) and "调处纠纷640件" in sweep_text(doc)
    # an explicit date wins over the saved one; a date past the year stops at its last day
    assert document.build("341321", "2021H1", as_of=D(2021, 7, 10)).as_of == D(2021, 7, 10)
    assert document.build("341321", "2021H1", as_of=D(2022, 3, 1)).as_of == D(2021, 12, 31)


def test_a_writers_wording_decides_the_sense(records, writer):
    actions.save_sentence(writer, org="341321", period="2021H1", key="mediation.disputes:sweep",
                          text="上半年全{地域}共调处纠纷{mediation.accepted}件，调解成功{mediation.succeeded}件。")
    doc = document.build("341321", "2021H1", as_of=D(2021, 8, 13))
    assert sweep_text(doc) == "上半年全县共调处纠纷603件，调解成功590件。"
    assert doc.basis == "本报告数据按2021年上半年（2021年1月1日至2021年6月30日）统计，数据截至2021年8月13日。"


def test_a_report_to_a_date_counts_every_sentence_to_it(records):
    doc = document.build("341321", "截至2021-08-13")
    assert "调处纠纷640件" in sweep_text(doc) and "村社调处640件" in doc.plain_text()
    assert doc.basis == "本报告数据截至2021年8月13日（2021年1月1日至2021年8月13日）。"


def test_to_date_words(tree):
    for text in ("截至目前全县…", "至今共办理公证{x.y}件", "目前全县在册…", "今年以来共…"):
        assert document.counts_to_date(text)
    for text in ("上半年共…", "全年共…", "{期内}共…", "对在矫{tracks.screened}名…"):
        assert not document.counts_to_date(text)


def test_one_sentence_may_mix_time_words_and_counts_by_its_own(records):
    register(Paragraph("tmp.asof", line="人民调解", chapter="social_governance", lead="临时段落", order=99,
                       sentences=[Sentence("s", "截至目前调处纠纷{mediation.accepted}件，其中县级调处"
                                                "{mediation.accepted_county}件，上半年镇街调处{mediation.accepted_township}件。")]))
    try:
        doc = document.build("341321", "2021H1", as_of=D(2021, 7, 31))
        text = document.find_piece(doc, "tmp.asof:s").text
    finally:
        unregister("tmp.asof")
    assert text.startswith("截至目前调处纠纷640件")


def test_report_page_takes_the_date_and_refuses_a_bad_one(records, client, writer):
    client.force_login(writer)
    page = client.get(reverse("reports:report"), {"org": "341321-SFJ", "period": "2021H1", "as_of": "2021-08-13"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "数据截至2021年8月13日" in body and "本报告数据截至2021年8月13日" in body
    assert 'name="as_of" value="2021-08-13"' in body and "as_of=2021-08-13" in body  # downloads keep the date
    bad = client.get(reverse("reports:report"), {"org": "341321-SFJ", "period": "2021H1", "as_of": "2021-02-30"})
    assert bad.status_code == 400 and "数据截至日期“2021-02-30”不正确" in bad.content.decode()
    download = client.get(reverse("reports:download", args=["docx"]), {"org": "341321-SFJ", "period": "2021H1", "as_of": "x"})
    assert download.status_code == 400
