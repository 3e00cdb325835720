"""The rule-of-law cockpit (法治驾驶舱) as the county leader uses it: figures of a period against the same period
last year and against the bureau's targets, each linked to its records; the targets' actions (audited, validated
in Chinese); who may open it; and the one-page brief (.docx)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from sifa.reports import actions, cockpit, cockpit_docx
from sifa.reports.models import Target
from tests import factories

from . import builders

COCKPIT = "/reports/cockpit/"
BRIEF = "/reports/cockpit/brief.docx"
TARGETS = "/reports/targets/"
H1 = {"org": "341321", "period": "2021H1"}


@pytest.fixture
def seeded(tree, leader):
    """2021H1: seed [000]'s 640 disputes, 627 settled (97.97%); 2020H1: 10 disputes, all settled (100%).
    Targets for 2021: 调解成功率 ≥ 98 (not met), 受理 ≥ 600 (met)."""
    builders.seed_000_mediation(tree["office_a"])
    builders.cases(tree["office_a"], 10, accepted=dt.date(2020, 3, 1), closed=dt.date(2020, 3, 20))
    actions.set_target(leader, org=tree["bureau"], code="mediation.success_rate", comparison="gte", value="98",
                       year=2021, note="县局年度目标")
    actions.set_target(leader, org=tree["bureau"], code="mediation.accepted", comparison="≥", value="600",
                       year=2021)
    return tree


@pytest.fixture
def as_leader(client, leader):
    client.force_login(leader)
    return client


def _figure(data, code):
    return next(f for f in data.figures if f.code == code)


def test_figures_against_last_year_and_the_targets(seeded):
    data = cockpit.data_for("341321", "2021H1")
    rate, accepted = _figure(data, "mediation.success_rate"), _figure(data, "mediation.accepted")
    assert (rate.display, rate.previous_display, rate.arrow, rate.delta) == ("97.97", "100.00", "↓", "-2.03个百分点")
    assert rate.target.status == cockpit.UNMET and rate.target.gap == "差0.03个百分点" and rate.tone == cockpit.BAD
    assert (accepted.display, accepted.previous_display, accepted.arrow) == ("640", "10", "↑")
    assert accepted.delta == "+630件" and accepted.rate == "+6300.00%"
    assert accepted.target.status == cockpit.MET and accepted.tone == cockpit.GOOD
    assert [f.code for f in data.unmet] == ["mediation.success_rate"]
    assert data.counts == {"met": 1, "unmet": 1, "unknown": 0, "targets": 2, "figures": len(data.figures)}
    # a year without targets: none held against it
    assert cockpit.data_for("341321", "2020H1").counts["targets"] == 0


def test_the_leader_sees_figures_yoy_and_status_each_linked_to_its_records(seeded, as_leader):
    response = as_leader.get(COCKPIT, H1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "法治驾驶舱 · 砀山县司法局" in html and "人民调解" in html
    assert "未达成的目标（1项）" in html and "差0.03个百分点" in html
    assert "≥98%" in html and "≥600件" in html and ">达成<" in html and ">未达成<" in html
    assert "↓ -2.03个百分点" in html and "↑ +630件（+6300.00%）" in html
    link = "/indicators/mediation.accepted/records/?org=341321-SFJ&amp;period=2021H1"
    assert f'href="{link}"' in html
    assert 'href="/indicators/mediation.accepted/records/?org=341321-SFJ&amp;period=2020H1"' in html  # last year
    records = as_leader.get(link.replace("&amp;", "&"))
    assert records.status_code == 200 and "共 <strong>640</strong> 条" in records.content.decode()
    assert f"{BRIEF}?org=341321-SFJ&amp;period=2021H1" in html


def test_a_target_set_above_holds_below_until_the_unit_sets_its_own(seeded, leader):
    office = seeded["office_a"]
    figure = _figure(cockpit.data_for(office, "2021H1"), "mediation.success_rate")
    assert figure.target.text == "≥98%" and figure.target.set_at == "砀山县司法局"
    actions.set_target(leader, org=office, code="mediation.success_rate", comparison="gte", value="97", year=2021)
    figure = _figure(cockpit.data_for(office, "2021H1"), "mediation.success_rate")
    assert figure.target.text == "≥97%" and figure.target.status == cockpit.MET and figure.target.set_at == ""


def test_a_target_outside_the_key_figures_is_shown_with_its_dimensions(seeded, leader):
    actions.set_target(leader, org=seeded["bureau"], code="mediation.accepted", dims="level=镇街", comparison="lte",
                       value="20", year=2021)
    data = cockpit.data_for("341321", "2021H1")
    figure = next(f for f in data.figures if f.name.startswith("受理（调处）矛盾纠纷（"))
    assert figure.display == "27" and figure.target.status == cockpit.UNMET and figure.target.gap == "超7件"
    assert "dim=level%3Atownship" in figure.url


@pytest.mark.parametrize("role", [Role.OFFICE_STAFF, Role.MEDIATOR, Role.CORRECTIONS_OFFICER, Role.AUDIT_ADMIN])
def test_roles_without_the_right_get_403(tree, client, role):
    client.force_login(factories.user(tree["office_a"], role=role))
    assert client.get(COCKPIT).status_code == 403
    assert client.get(BRIEF, H1).status_code == 403
    assert client.get(TARGETS).status_code == 403
    assert "您的角色不能查看法治驾驶舱" in client.get(COCKPIT).content.decode()


def test_another_county_is_404_and_a_bad_period_400(tree, other_county, as_leader):
    response = as_leader.get(COCKPIT, {"org": "341322", "period": "2021H1"})
    assert response.status_code == 404 and "不在您的数据范围内" in response.content.decode()
    response = as_leader.get(COCKPIT, {"org": "341321", "period": "2021H3"})
    assert response.status_code == 400 and "无法识别的统计期间“2021H3”" in response.content.decode()


def test_target_actions_are_audited(tree, writer):
    target = actions.set_target(writer, org=tree["bureau"], code="lawyers.per_10k", comparison="gte", value="2.9",
                                year=2021, note="省考核指标")
    assert (target.value, target.comparison, target.dims_key) == (Decimal("2.9"), "gte", "")
    row = AuditEvent.objects.get(verb="设定目标值")
    assert row.event == AuditEventType.CONFIG and row.user == writer and row.before is None
    assert row.after["value"] == "2.9" and row.after["indicator_code"] == "lawyers.per_10k"
    actions.set_target(writer, org=tree["bureau"], code="lawyers.per_10k", comparison="gte", value="3", year=2021)
    row = AuditEvent.objects.get(verb="修改目标值")
    assert row.before["value"] == "2.9" and row.after["value"] == "3"
    assert Target.objects.count() == 1
    actions.remove_target(writer, Target.objects.get())
    assert AuditEvent.objects.get(verb="删除目标值").before["value"] == "3" and not Target.objects.exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"value": "两成"}, "目标值“两成”不是有效的数字。"),
    ({"value": "-1"}, "目标值不能为负数。"),
    ({"value": ""}, "请填写目标值。"),
    ({"value": "120"}, "“调解成功率”按百分比计，目标值不能超过100。"),
    ({"value": "0.00001"}, "目标值最多保留4位小数。"),
    ({"comparison": "about"}, "比较方式应为 ≥、>、≤、< 或 =。"),
    ({"year": "二〇二一"}, "年度“二〇二一”不正确"),
    ({"year": "1999"}, "年度应在2000年至"),
    ({"code": "mediation.nothing"}, "指标“mediation.nothing”不存在或已停用。"),
    ({"dims": "colour=红"}, "指标“调解成功率”没有维度“colour”"),
    ({"dims": "level"}, "维度筛选“level”格式不正确"),
])
def test_bad_targets_are_refused_in_chinese_and_write_nothing(tree, writer, changes, message):
    fields = {"org": tree["bureau"], "code": "mediation.success_rate", "comparison": "gte", "value": "98",
              "year": 2021, **changes}
    with pytest.raises(ValidationError) as exc:
        actions.set_target(writer, **fields)
    assert message in exc.value.messages[0]
    assert not Target.objects.exists() and not AuditEvent.objects.filter(verb="设定目标值").exists()


def test_who_may_set_targets(tree, other_county, leader):
    office_staff = factories.user(tree["office_a"], role=Role.OFFICE_STAFF)
    with pytest.raises(ValidationError, match="您的角色不能设定目标值"):
        actions.set_target(office_staff, org=tree["office_a"], code="mediation.accepted", comparison="gte",
                           value=1, year=2021)
    with pytest.raises(ValidationError, match="不在您的数据范围内"):
        actions.set_target(leader, org=other_county["bureau"], code="mediation.accepted", comparison="gte",
                           value=1, year=2021)
    assert not Target.objects.exists()


def test_targets_page_sets_refuses_and_loads_the_defaults(tree, writer, client):
    client.force_login(writer)
    form = {"org": "341321-SFJ", "year": "2021", "code": "litigation.loss_rate", "comparison": "lt", "value": "10%",
            "dims": "", "note": "败诉率控制在10%以下"}
    response = client.post(TARGETS, {**form, "value": "十"})
    assert response.status_code == 400 and "目标值“十”不是有效的数字。" in response.content.decode()
    assert not Target.objects.exists()
    assert client.post(TARGETS, form).status_code == 302
    assert Target.objects.get().value == 10
    html = client.get(TARGETS).content.decode()
    assert "败诉率" in html and "&lt;10%" in html
    response = client.post("/reports/targets/defaults/", {"org": "341321-SFJ", "year": "2021"})
    assert response.status_code == 302
    codes = set(Target.objects.filter(year=2021).values_list("indicator_code", flat=True))
    assert codes == {d.code for d in cockpit.DEFAULT_TARGETS}
    assert Target.objects.get(indicator_code="litigation.loss_rate").note == "败诉率控制在10%以下"  # not overwritten
    assert AuditEvent.objects.filter(verb="设定目标值").count() == len(cockpit.DEFAULT_TARGETS)
    target = Target.objects.get(indicator_code="lawyers.per_10k")
    assert client.post(f"/reports/targets/{target.pk}/delete/").status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()


def test_the_brief_opens_with_the_unmet_targets_first_then_the_table(seeded, as_leader):
    response = as_leader.get(BRIEF, H1)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "砀山县司法局法治建设主要指标简报" and "2021年上半年" in texts[1]
    assert "设定目标2项：达成1项，未达成1项" in texts[2]
    assert texts[3] == "一、未达成的目标"
    assert texts[4] == "（1）调解成功率（人民调解）97.97%，目标≥98%，差0.03个百分点。"
    assert texts[5] == "二、主要指标"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells[:5]] == ["条线", "指标", "本期", "同比", "目标"]
    cells = [c.text for row in table.rows for c in row.cells]
    assert "调解成功率" in cells and "97.97%" in cells and "≥98×" in cells and "≥600√" in cells
    assert "↓2.03" in cells and "↑6300%" in cells and "↑6170%" in cells
    assert AuditEvent.objects.filter(event=AuditEventType.EXPORT, verb__startswith="导出法治驾驶舱简报").exists()


def _full(n_lines=15, per_line=6, unmet=4) -> cockpit.CockpitData:
    """A county with every line's figures filled, long names, and targets not met — the page's worst case."""
    data = cockpit.CockpitData("341321-SFJ", "砀山县司法局", "2021H1", "2021年上半年", 2021, computed_at="2021-08-13 09:00")
    for i in range(n_lines):
        figures = []
        for j in range(per_line):
            fig = cockpit.CockpitFigure(code=f"x{i}.f{j}", name="行政机关负责人出庭应诉案件"[: 8 + j], line=f"条线{i:02d}",
                                        unit="人次", value=12345, display="12345", url="", previous_display="12000",
                                        delta="+345人次", rate="+2.88%", arrow="↑")
            if i * per_line + j < unmet:
                fig.target = cockpit.TargetCheck(pk=1, text="≥99.5人次", status=cockpit.UNMET, gap="差0.45人/万人")
            figures.append(fig)
        data.lines.append({"line": f"条线{i:02d}", "figures": figures})
    return data


def test_the_brief_keeps_to_one_page_by_layout():
    """No word processor here to count pages: the plan's estimate (font sizes, exact line pitches, column widths,
    wrapping) must leave the safety margin of the 版心, leaving out figures without targets if it must."""
    data = _full()
    layout = cockpit_docx.plan(data)
    assert layout.fits and layout.height <= cockpit_docx.TEXT_HEIGHT * cockpit_docx.SAFETY
    kept = sum(len(b.cells) for b in layout.blocks)
    assert layout.left_out == 90 - kept > 0 and f"另有{layout.left_out}项指标" in layout.note
    assert sum(c.status == cockpit.UNMET for b in layout.blocks for c in b.cells) == 4  # targets are never left out
    assert all(b.cells for b in layout.blocks) and len(layout.blocks) == 15  # every line keeps its headline
    small = cockpit_docx.plan(_full(n_lines=3, per_line=4, unmet=1))
    assert small.left_out == 0 and "另有" not in small.note
    doc = Document(io.BytesIO(cockpit_docx.render(data)))
    assert len(doc.tables) == 1 and len(doc.sections) == 1


def test_the_demo_county_gets_the_default_targets_once(tree, leader):
    from types import SimpleNamespace

    from sifa.reports import demo

    ctx = SimpleNamespace(users={"leader": leader}, bureau=tree["bureau"], today=dt.date(2021, 8, 13),
                          log=lambda text: None)
    demo.build(ctx)
    demo.build(ctx)  # run again: nothing more
    assert Target.objects.filter(org=tree["bureau"], year=2021).count() == len(cockpit.DEFAULT_TARGETS)
    assert AuditEvent.objects.filter(verb="设定目标值").count() == len(cockpit.DEFAULT_TARGETS)
