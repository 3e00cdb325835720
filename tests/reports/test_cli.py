"""`sifa report`: the report as .docx/PDF/text from the command line, the seed [000] coverage, bad input."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from tests import factories

from . import builders


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_report_to_docx_and_pdf(tree, tmp_path):
    builders.seed_000_mediation(tree["office_a"])
    docx, pdf = tmp_path / "总结.docx", tmp_path / "总结.pdf"
    out = run("--org", "341321", "--period", "2021H1", "--out", str(docx), "--pdf", str(pdf), "--date", "2021-08-13")
    assert f"已生成：{docx}" in out and f"已生成：{pdf}" in out
    assert "砀山县司法局2021年上半年工作总结：" in out and "个数字由指标计算" in out
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "调处纠纷640件" in text and "2021年8月13日" in text
    assert pdf.read_bytes().startswith(b"%PDF")
    assert AuditEvent.objects.filter(event=AuditEventType.EXPORT, username="命令行").count() == 2


def test_report_as_text(tree):
    builders.seed_000_mediation(tree["office_a"])
    out = run("--org", "341321-SFJ", "--period", "2021H1")
    assert out.startswith("砀山县司法局2021年上半年工作总结\n一、2021年上半年工作推进情况\n")
    assert "调解成功率98%" in out


def test_coverage_lists_covered_and_waiting_figures(db):
    out = run("--coverage", "--seed", "000")
    assert out.startswith("种子报告[000]共66个数字：已由指标覆盖")
    assert "✔ 共开展矛盾纠纷排查528次  ← mediation.screenings" in out
    assert "· 落实管控措施1096人  ← 待建" in out
    assert "✔ 其中缓刑384人  ← corrections.registered[category=缓刑]" in out
    assert "指标未登记" not in out


@pytest.mark.parametrize(("args", "message"), [
    (("--org", "341321"), "请同时给出 --org（机构）和 --period（统计期间）"),
    (("--org", "341321", "--period", "2021H3"), "无法识别的统计期间“2021H3”"),
    (("--org", "999999", "--period", "2021H1"), "机构“999999”不存在"),
    (("--org", "341321", "--period", "2021H1", "--out", "x.pdf"), "--out 的文件名应以 .docx 结尾"),
    (("--org", "341321", "--period", "2021H1", "--out", "/无此目录/x.docx"), "目录不存在"),
    (("--org", "341321", "--period", "2021H1", "--date", "2021-02-30"), "成文日期“2021-02-30”不正确"),
    (("--org", "341321", "--period", "2021H1", "--user", "nobody"), "账号“nobody”不存在或已停用"),
])
def test_bad_input(tree, args, message):
    with pytest.raises(CommandError, match=message) as exc:
        run(*args)
    assert exc.value.returncode == 2


def test_user_scope(tree, other_county):
    factories.user(other_county["bureau"], role=Role.LEADER, username="xiao_leader")
    factories.user(tree["office_a"], role=Role.OFFICE_STAFF, username="clerk")
    with pytest.raises(CommandError, match="不在您的数据范围内"):
        run("--org", "341321", "--period", "2021H1", "--user", "xiao_leader")
    with pytest.raises(CommandError, match="角色不能查看工作总结"):
        run("--org", "341321", "--period", "2021H1", "--user", "clerk")
