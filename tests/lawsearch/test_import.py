"""Importing a LawRefBook tree: structure, versions, citations, idempotence and refusal of bad files."""

import shutil

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from sifa.core.models.audit import AuditEvent
from sifa.lawsearch import actions
from sifa.lawsearch.models import Article, Citation, Law, LawStatus

from .conftest import CORPUS

pytestmark = pytest.mark.django_db

GOOD = """# 中华人民共和国示例法

2020年1月1日 第十三届全国人民代表大会常务委员会第十五次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了示例，制定本法。

第二条 依照本法第一条办理。
"""


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_import_builds_laws_articles_versions_and_citations():
    report = actions.import_corpus(None, CORPUS)
    assert (report.created, report.errors) == (4, [])
    current = Law.objects.get(source_path="社会法/劳动合同法(2012-12-28).md")
    old = Law.objects.get(source_path="社会法/劳动合同法(2007-06-29).md")
    assert (current.status, old.status, old.superseded_by) == (LawStatus.CURRENT, LawStatus.AMENDED, current)
    assert current.short_name == "劳动合同法" and current.level == "法律"
    assert current.issuer == "全国人民代表大会常务委员会" and str(current.published) == "2012-12-28"
    article = current.articles.get(number=46)
    assert article.label == "第四十六条" and article.chapter == "第四章 劳动合同的解除和终止"
    assert article.clauses[0]["items"] == ["（一）劳动者依照本法第三十八条规定解除劳动合同的；",
                                           "（二）用人单位依照本法第四十条规定解除劳动合同的。"]
    contract = Article.objects.get(law__short_name="民法典", number=577)
    assert contract.part == "第一分编 通则" and contract.chapter == "第八章 违约责任"
    # 《民法典》第五百七十七条 is linked across laws; 前款 stays within the article
    cross = Citation.objects.get(source__law=current, source__number=98)
    assert cross.target == contract
    assert Citation.objects.get(source=current.articles.get(number=47), text="前款").target.number == 47
    # 本法第三十八条 names an article this (abridged) law does not have: kept, visibly unresolved
    missing = Citation.objects.get(source=article, target_number=38)
    assert missing.target is None and not missing.resolved
    assert report.unresolved_citations == Citation.objects.filter(target__isnull=True).count() > 0
    assert AuditEvent.objects.filter(verb="导入法规").count() == 4


def test_import_twice_changes_nothing():
    actions.import_corpus(None, CORPUS)
    counts = (Law.objects.count(), Article.objects.count(), Citation.objects.count())
    report = actions.import_corpus(None, CORPUS)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert (Law.objects.count(), Article.objects.count(), Citation.objects.count()) == counts


def test_malformed_file_names_file_and_line_and_imports_nothing_of_it(tmp_path):
    write(tmp_path, "行政法/示例法(2020-01-01).md", GOOD)
    write(tmp_path, "行政法/坏文件(2020-01-01).md", "没有标题\n\n第一条 内容。\n")
    report = actions.import_corpus(None, tmp_path)
    assert report.created == 1
    assert report.errors == ["行政法/坏文件(2020-01-01).md 第1行：第一行应为“# 法规标题”。"]
    assert not Law.objects.filter(source_path__contains="坏文件").exists()
    with pytest.raises(ValidationError, match="坏文件"):
        actions.import_corpus(None, tmp_path, strict=True)


def test_missing_info_end_and_duplicate_article_numbers_are_refused(tmp_path):
    write(tmp_path, "a/无分隔(2020-01-01).md", "# 无分隔法\n\n第一条 内容。\n")
    write(tmp_path, "a/重复(2020-01-01).md", GOOD + "\n第二条 又一个第二条。\n")
    report = actions.import_corpus(None, tmp_path)
    assert report.created == 0
    assert any("缺少“<!-- INFO END -->”" in error for error in report.errors)
    assert any("第13行：条号“第二条”重复（第11行已有）" in error for error in report.errors)
    assert Law.objects.count() == Article.objects.count() == 0


def test_changed_file_replaces_its_articles_whole(tmp_path):
    path = write(tmp_path, "行政法/示例法(2020-01-01).md", GOOD)
    actions.import_corpus(None, tmp_path)
    path.write_text(GOOD.replace("第二条 依照本法第一条办理。", "第二条 修改后的内容。\n\n第三条 新增。"), encoding="utf-8")
    report = actions.import_corpus(None, tmp_path)
    assert report.updated == 1
    assert list(Article.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_level_override_for_a_bureaus_own_documents(tmp_path):
    write(tmp_path, "示例办法(2020-01-01).md", GOOD)
    actions.import_corpus(None, tmp_path, level="规范性文件")
    assert Law.objects.get().level == "规范性文件"
    with pytest.raises(ValidationError, match="效力级别"):
        actions.import_corpus(None, tmp_path, level="随便")


def test_import_command(tmp_path, capsys):
    shutil.copytree(CORPUS, tmp_path / "laws")
    call_command("laws", "import", str(tmp_path / "laws"))
    assert "新增4部" in capsys.readouterr().out
    with pytest.raises(CommandError, match="路径不存在"):
        call_command("laws", "import", str(tmp_path / "nowhere"))
