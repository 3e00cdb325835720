"""The seed lists (sifa/reports/seed000.json … seed004.json) against the indicator registry, and `sifa report
--coverage` over the five seeds. That the demo county's records give seed [000]'s covered figures is tested in
tests/demo/test_demo_lines.py (the whole demo county, built once)."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sifa.indicators import engine, registry
from sifa.reports import coverage

APPROX = re.compile(r"^(近)?(\d+(?:\.\d+)?)(万)?(余|多)?$")


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("seed", coverage.SEEDS)
def test_every_indicator_named_is_registered_with_valid_dimensions_and_period(tree, seed):
    s = coverage.load(seed)
    assert s.figures and s.title and s.org
    assert not coverage.unregistered(seed), [f.text for f in coverage.unregistered(seed)]
    for f in s.figures:
        assert f.shown in f.text, f.text
        number = APPROX.match(f.shown)
        assert number, f"{f.text}：写法“{f.shown}”"
        assert f.value == float(number.group(2)) * (10000 if number.group(3) else 1), f.text
        mode = number.group(1) or number.group(4)
        if mode:  # 余/多/近 come from the template: the list says so
            assert f.format == mode, f.text
        if f.covered:
            registry.get(f.indicator)
            # the dimensions and the period as the list writes them are valid (on the test county)
            engine.prepare(f.indicator, "341321", f.period_for(s.period, s.as_of), f.dims)
        else:  # every figure not produced says why
            assert f.note, f"{f.text}：{f.indicator}而无原因"
        if seed != coverage.DEFAULT_SEED and f.covered:
            assert not f.demo, f"{f.text}：种子[{seed}]尚无夹具数据"


def test_seed_000_counts_and_the_lines_it_waits_for():
    s = coverage.load("000")
    assert s.counts() == {"total": 66, "produced": 65, "waiting": 1, "narrative": 0, "without_records": 0}
    waiting = {f.line for f in s.waiting}
    assert waiting == {"社区矫正"}  # 管控措施1096: a 专项行动 count no record holds yet
    assert all(f.note for f in s.waiting)


def test_an_unknown_code_in_a_seed_list_is_reported(db, monkeypatch):
    doc = json.loads(json.dumps(coverage.seed_document("003")))
    doc["figures"][0]["indicator"] = "publicity.no_such_figure"
    real = coverage.seed_document
    monkeypatch.setattr(coverage, "seed_document", lambda seed="000": doc if seed == "003" else real(seed))
    assert [f.text for f in coverage.unregistered("003")] == [doc["figures"][0]["text"]]
    assert "指标未登记！1个数字" in run("--coverage")
    assert "（指标未登记！）" in run("--coverage", "--seed", "003")


def test_coverage_prints_the_counts_of_every_seed(db):
    out = run("--coverage")
    assert out.startswith("种子报告的数字覆盖情况（由指标计算 / 待建 / 不来自记录）：\n")
    for s in coverage.load_all():
        c = s.counts()
        assert (f"  [{s.seed}] {s.title}：共{c['total']}个，由指标计算{c['produced']}个，待建{c['waiting']}个，"
                f"不来自记录{c['narrative']}个") in out
    assert "[000] 砀山县司法局2021年上半年工作总结：共66个，由指标计算65个，待建1个，不来自记录0个" in out
    total = sum(len(s.figures) for s in coverage.load_all())
    assert f"合计：共{total}个" in out and "指标未登记" not in out


def test_coverage_of_one_seed_lists_each_figure(db):
    out = run("--coverage", "--seed", "001")
    assert out.startswith("种子报告[001]共")
    assert "✔ 2022年以来受理行政复议案件90件  ← reconsideration.accepted（无夹具数据）" in out
    assert "✔ 心理疏导6人次  ← mediation.petition_transfers[route=心理疏导]（2022-05-01..2022-12-30）" in out
    assert "· 提出书面法律意见11件  ← 待建：" in out
    assert "○ 确保行政机关负责人出庭应诉率达到100%  ← 非记录：工作目标" in out


def test_coverage_as_json(db):
    every = json.loads(run("--coverage", "--format", "json"))
    assert [s["seed"] for s in every] == list(coverage.SEEDS)
    one = json.loads(run("--coverage", "--seed", "4", "--format", "json"))
    assert one["seed"] == "004" and one["org"] == "450202" and one["period"] == "2023"
    assert one["produced"] + one["waiting"] + one["narrative"] == one["total"] == sum(
        line["total"] for line in one["lines"])
    rate = next(f for line in one["lines"] for f in line["figures"] if f["shown"] == "52")
    assert rate["indicator"] == "lawyers.public_coverage" and rate["status"] == "produced" and rate["registered"]


def test_unknown_seed_is_refused(db):
    with pytest.raises(CommandError, match="没有种子报告“009”") as exc:
        run("--coverage", "--seed", "9")
    assert exc.value.returncode == 2


# --- the indicators declared for seed figures count the records they say ------------------------------------

def test_indicators_declared_for_the_seeds_count_their_records(tree, bureau_user):
    import datetime as dt

    from sifa.lawyers import actions as lawyers
    from sifa.publicity import actions as publicity
    from tests import factories
    from tests.lawyers import builders as lawyer_builders
    from tests.legality import builders as legality_builders
    from tests.reconsideration import builders as agency_builders

    D = dt.date
    adviser = lawyer_builders.lawyer(bureau_user, lawyer_builders.firm(bureau_user, tree["bureau"]))
    enterprise = lawyers.sign_contract(bureau_user, adviser=adviser, client_kind="enterprise", client_name="砀山县梨园果业有限公司",
                                       client_credit_code=factories.credit_code("91"), started_on=D(2021, 1, 1),
                                       ended_on=D(2021, 12, 31))
    village = factories.division("341321100200", "杨庙村委会", tree["town_a"])
    adviser_of_village = lawyers.sign_contract(bureau_user, adviser=adviser, client_kind="village", client_name="",
                                               village=village, started_on=D(2021, 1, 1), ended_on=D(2023, 12, 31))
    for contract, kind, count in ((enterprise, "opinion", 2), (enterprise, "contract", 1), (enterprise, "consultation", 5),
                                  (adviser_of_village, "opinion", 3), (adviser_of_village, "mediation", 4)):
        lawyers.record_service(bureau_user, contract, kind=kind, served_on=D(2021, 5, 10), count=count)
    # seed 000 “为企业…提供法律意见2条”; seed 001 “协助修订法律文书、村规民约、提供法律意见1200余件次”
    assert engine.evaluate("lawyers.enterprise_opinions", "341321", "2021H1").value == 2
    assert engine.evaluate("lawyers.counsel_documents", "341321", "2021H1").value == 2 + 1 + 3
    # seed 004 “审查…规范性文件10件”: government and department normative documents, by the date received
    agency = agency_builders.agencies(tree["bureau"], bureau_user)["market"]
    for item_type in ("gov_normative", "dept_normative", "major_decision"):
        legality_builders.opined(bureau_user, tree["bureau"], item_type=item_type, agency=agency)
    assert engine.evaluate("legality.normative_reviewed", "341321", "2021H1").value == 2
    assert engine.evaluate("legality.reviewed", "341321", "2021H1").value == 3
    # seed 001 “938名‘法治带头人’‘法律明白人’”: both kinds on the register at the period's end
    for kind in ("understander", "leader", "understander"):
        publicity.register_backbone(bureau_user, kind=kind, name="王明白", id_number=factories.resident_id(),
                                    village=village, source="cadre", registered_on=D(2021, 3, 1))
    assert engine.evaluate("publicity.backbones", "341321", "2021H1").value == 3
    assert engine.evaluate("publicity.understanders", "341321", "2021H1").value == 2
    assert engine.evaluate("publicity.backbones", "341321", "2020").value == 0
