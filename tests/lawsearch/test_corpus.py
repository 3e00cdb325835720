"""Reading the corpus without a database: Chinese numerals, the Markdown reader's tolerance, citations."""

import pytest

from sifa.lawsearch.corpus.citations import find_citations, parse_query_citation
from sifa.lawsearch.corpus.markdown import CorpusError, parse_text
from sifa.lawsearch.corpus.numerals import chinese_to_int, int_to_chinese


@pytest.mark.parametrize(("number", "text"), [(1, "一"), (10, "十"), (12, "十二"), (108, "一百零八"), (110, "一百一十"),
                                              (577, "五百七十七"), (1010, "一千零一十"), (1260, "一千二百六十")])
def test_numerals_both_ways(number, text):
    assert int_to_chinese(number) == text and chinese_to_int(text) == number


def test_numerals_refuse_what_is_not_a_number():
    with pytest.raises(ValueError):
        chinese_to_int("第三")


def test_reader_tolerates_the_sources_quirks():
    text = ("# 中华人民共和国某法\n\n2018年10月26日　第十三届全国人民代表大会常务委员会第六次会议修正\n\n<!-- INFO END -->\n\n"
            "##\n\n## 第一章  总 则\n\n\u200b第一条 正文一。\n\n第一百二十八 条侦查人员……\n\n第一百二十八条之一 插入的条文。\n\n"
            "第三条规定的情形，不是新的一条。\n")
    law = parse_text(text, "x/某法(2018-10-26).md", folder="x")
    assert [a.label for a in law.articles] == ["第一条", "第一百二十八条", "第一百二十八条之一"]
    assert law.articles[2].paragraphs == ["插入的条文。", "第三条规定的情形，不是新的一条。"]
    assert law.articles[0].chapter == "第一章 总 则" and law.short_name == "某法"
    assert str(law.published) == "2018-10-26" and law.issuer == "全国人民代表大会常务委员会"


def test_reader_names_the_line_of_an_unreadable_heading():
    with pytest.raises(CorpusError, match=r"某法\.md 第6行：无法识别的标题行"):
        parse_text("# 某法\n\n<!-- INFO END -->\n\n第一条 甲。\n#乱写的标题\n", "某法.md")


def test_citations_in_text():
    found = find_citations("违反本法第三条第二款，依照《中华人民共和国民法典》第五百七十七条和第十条处理；前款规定除外。")
    assert [(c.text, c.law, c.article, c.clause) for c in found] == [
        ("本法第三条第二款", None, 3, 2), ("《中华人民共和国民法典》第五百七十七条", "民法典", 577, None),
        ("第十条", None, 10, None), ("前款", None, None, -1)]


@pytest.mark.parametrize(("query", "parsed"), [
    ("「劳动合同法第四十七条」", ("劳动合同法", 47, 0)), ("《民法典》第577条", ("民法典", 577, 0)),
    ("刑法第一百二十条之一", ("刑法", 120, 1)), ("老板拖欠工资怎么办", None)])
def test_citation_queries(query, parsed):
    assert parse_query_citation(query) == parsed
