"""Search on the small corpus: citations, law names, plain questions, filters and refusals of bad input."""

import json

import pytest
from django.core.management import call_command

from sifa.lawsearch.retrieval.search import Filters, search


def test_citation_query_goes_straight_to_the_article(small_engine):
    for query in ("「劳动合同法第四十七条」", "《中华人民共和国劳动合同法》第47条", "劳动合同法 第四十七条"):
        result = search(query, engine=small_engine)
        assert result.kind == "citation" and result.ids[0] == "劳动合同法第四十七条", query


def test_citation_to_a_missing_article_says_so(small_engine):
    result = search("劳动合同法第九百条", engine=small_engine)
    assert result.ids == [] and result.message == "《劳动合同法》没有第九百条（现行文本共6条）。"


def test_law_name_lists_the_law(small_engine):
    result = search("民法典", engine=small_engine)
    assert result.kind == "law" and result.ids[0] == "民法典第五百七十七条"


def test_plain_question_finds_the_article_through_the_thesaurus(small_engine):
    assert search("老板拖欠工资三个月不给怎么办", engine=small_engine).ids[0] == "劳动合同法第三十条"
    assert search("离婚后孩子跟谁", engine=small_engine).ids[0] == "民法典第一千零八十四条"
    # only the current version of 劳动合同法 is searched
    assert all("2007" not in hit.doc.path for hit in search("劳动报酬", engine=small_engine).hits)


@pytest.mark.parametrize(("query", "message"), [
    ("", "请输入问题"),
    ("   ", "请输入问题"),
    ("？！。，……", "只有标点或符号"),
    ("问" * 10000, "问题太长（10000字）"),
])
def test_bad_queries_get_an_empty_result_that_says_why(small_engine, query, message):
    result = search(query, engine=small_engine)
    assert result.hits == [] and message in result.message


def test_nothing_found_says_so(small_engine):
    result = search("量子计算机", engine=small_engine)
    assert result.hits == [] and "没有找到相关条文" in result.message


def test_filters_by_level_status_and_date_in_force(small_engine):
    from datetime import date

    assert search("劳动报酬", engine=small_engine, filters=Filters(levels={"行政法规"})).hits == []
    assert search("劳动报酬", engine=small_engine, filters=Filters(statuses={"有效"})).ids
    # 民法典 (施行 2021-01-01 in the corpus, here its 2020-05-28 adoption) was not in force in 2019
    assert search("违约责任", engine=small_engine, filters=Filters(in_force_on=date(2019, 1, 1))).ids == [
        "劳动合同法第九十八条"]
    assert "民法典第五百七十七条" in search("违约责任", engine=small_engine,
                                           filters=Filters(in_force_on=date(2021, 6, 1))).ids


def test_cli_json_and_batch(use_small_engine, tmp_path, capsys):
    call_command("laws", "search", "老板拖欠工资", "--top", "3", "--format", "json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["results"][0] == "劳动合同法第三十条" and len(payload["results"]) <= 3
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"query_id": "a", "question": "民法典第577条"}\n{"query_id": "b", "question": ""}\n',
                         encoding="utf-8")
    out = tmp_path / "run.jsonl"
    call_command("laws", "search", "--batch", str(questions), "--out", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [{"query_id": "a", "results": ["民法典第五百七十七条", "民法典第五百七十八条"]},
                    {"query_id": "b", "results": []}]


def test_cli_batch_names_the_bad_line(use_small_engine, tmp_path):
    from django.core.management.base import CommandError

    questions = tmp_path / "q.jsonl"
    questions.write_text('{"query_id": "a", "question": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CommandError, match="第2行"):
        call_command("laws", "search", "--batch", str(questions))
