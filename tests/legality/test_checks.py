"""The machine check: reading drafts, findings on the clause set, the command line."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sifa.legality.checks import DraftUnreadable, check_text, read_bytes

DATA = Path(__file__).parent / "data"
CLAUSES = [json.loads(line) for name in ("clauses.jsonl", "clauses_unseen.jsonl")
           for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f'<w:document {W}><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def test_clause_set_is_large_and_balanced():
    assert len(CLAUSES) >= 60
    assert sum(1 for c in CLAUSES if not c["expected"]) >= 15


def test_clause_set_precision_and_recall():
    tp = fp = fn = 0
    for clause in CLAUSES:
        got = {(f.kind, f.article) for f in check_text(clause["text"])}
        want = {(e["kind"], e["article"]) for e in clause["expected"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9


def test_a_clean_clause_has_no_finding():
    assert check_text("根据《中华人民共和国行政处罚法》第十六条的规定，本办法不设定行政处罚。") == []


def test_nonexistent_article_and_repealed_law():
    findings = check_text("根据《中华人民共和国行政许可法》第九十九条和《中华人民共和国合同法》，制定本办法。")
    assert [(f.kind, f.article) for f in findings] == [("cited_law", "合同法"), ("cited_law", "行政许可法第九十九条")] or \
        {(f.kind, f.article) for f in findings} == {("cited_law", "合同法"), ("cited_law", "行政许可法第九十九条")}


def test_quote_that_is_not_the_cited_article():
    findings = check_text("《中华人民共和国行政处罚法》第十六条规定：“行政处罚由具有行政处罚权的行政机关在法定职权范围内实施。”")
    assert findings and findings[0].kind == "cited_law" and "第十七条" in findings[0].reason


def test_docx_tracked_changes_read_as_accepted():
    body = ('<w:p><w:r><w:t>村民建房</w:t></w:r><w:del><w:r><w:delText>须经镇政府审批后方可开工</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>应当遵守规划</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>')
    text = read_bytes(docx(body), "draft.docx")
    assert text == "村民建房应当遵守规划。"
    assert check_text(text) == []


def test_unreadable_files_say_why():
    with pytest.raises(DraftUnreadable, match="文字层"):
        from reportlab.pdfgen import canvas

        out = io.BytesIO()
        page = canvas.Canvas(out)
        page.rect(10, 10, 100, 100)
        page.save()
        read_bytes(out.getvalue(), "scan.pdf")
    with pytest.raises(DraftUnreadable, match=".doc"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc")
    with pytest.raises(DraftUnreadable, match="超出机审范围"):
        read_bytes(("第一条 村民应当遵守规定。\n" * 20000).encode(), "huge.txt")


def test_command_line_json(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("违反本规定的，由镇综合执法队处以五千元罚款。", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("各村要明确专人负责。", encoding="utf-8")
    call_command("legality", "check", str(tmp_path / "clean.txt"), "--format", "json")
    assert capsys.readouterr().out == ""
    call_command("legality", "check", str(tmp_path / "a.txt"), "--format", "json")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [{"kind": "no_basis_penalty", "sentence": "违反本规定的，由镇综合执法队处以五千元罚款。",
                     "reason": rows[0]["reason"], "article": "行政处罚法第十六条"}]


def test_command_line_unreadable(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError):
        call_command("legality", "check", str(tmp_path / "bad.pdf"))
