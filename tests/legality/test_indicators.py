"""Legality indicators on fixture records made through the actions: seed 001's figures (环翠区 2022: 政府规范性
文件3 + 部门规范性文件已备案8, 合法性审核率100%, 重大行政决策12, 党内文件72, 清理2+2) and the line's rates."""

import datetime as dt
from decimal import Decimal

import pytest

from sifa.indicators import engine
from sifa.legality import actions
from tests import factories

from . import builders

D = dt.date


@pytest.fixture
def huancui(db):
    tree = factories.county_tree("371002", "环翠区")
    actor = factories.user(tree["bureau"], role="section_staff")
    bureau = tree["bureau"]
    for n in range(12):
        builders.opined(actor, bureau, D(2022, 3, 1) + dt.timedelta(days=n), opinion="lawful",
                        item_type="major_decision", title=f"重大行政决策{n}", agency=_agency(actor, bureau))
    for n in range(72):
        builders.opined(actor, bureau, D(2022, 5, 2), opinion="lawful", item_type="party", title=f"党内文件{n}",
                        agency=_agency(actor, bureau))
    for n, kind in enumerate(["government"] * 3 + ["department"] * 8):
        item = builders.opined(actor, bureau, D(2022, 6, 1), item_type="gov_normative" if kind == "government"
                               else "dept_normative", title=f"文件{n}", agency=_agency(actor, bureau))
        doc = actions.register_document(actor, org=bureau, kind=kind, title=f"文件{n}", issuer="环翠区人民政府",
                                        registration_number=f"威环{'政' if kind == 'government' else '部'}规〔2022〕{n + 1}号",
                                        published_on=D(2022, 7, 1), item=item)
        actions.file_document(actor, doc, filed_on=D(2022, 7, 20) if n != 4 else D(2022, 8, 15))
    for n, kind in enumerate(["government", "government", "department", "department"]):
        old = actions.register_document(actor, org=bureau, kind=kind, title=f"旧文件{n}", issuer="环翠区人民政府",
                                        registration_number=f"威环旧规〔2019〕{n + 1}号", published_on=D(2019, 5, 1))
        actions.clean_up(actor, old, validity="repealed", cleaned_on=D(2022, 9, 1))
    return tree


_agencies = {}


def _agency(actor, bureau):
    from tests.reconsideration.scope_factories import agency

    return agency(bureau, actor)


def value(code, period="2022"):
    return engine.evaluate(code, "371002", period).value


def test_seed_001_figures(huancui):
    assert value("legality.gov_docs") == 3
    assert value("legality.dept_docs_filed") == 8
    assert value("legality.review_rate") == 100
    assert value("legality.major_reviewed") == 12
    assert value("legality.party_reviewed") == 72
    assert value("legality.gov_docs_cleaned") == 2 and value("legality.dept_docs_cleaned") == 2
    assert value("legality.filing_rate") == 100
    assert value("legality.timely_filing_rate") == Decimal("90.91")
    assert value("legality.average_review_days") > 0


def test_findings_and_adoption(office_user, tree):
    item = builders.item(office_user, tree["office_a"], submitted_on=D(2021, 3, 1))
    draft = actions.add_draft(office_user, item, file_name="办法.txt", data=builders.DRAFT.encode())
    actions.accept(office_user, item, received_on=D(2021, 3, 1))
    findings = list(draft.findings.all())
    actions.decide_finding(office_user, findings[0], accepted=False, note="上位法已有规定")
    for finding in findings[1:]:
        actions.decide_finding(office_user, finding, accepted=True)
    item = actions.issue_opinion(office_user, item, opinion="amend", reasons="修改", opinion_on=D(2021, 3, 10))
    actions.record_adoption(office_user, item, adoption="adopted", adoption_on=D(2021, 3, 12))
    code = "341321"
    assert engine.evaluate("legality.findings", code, "2021H1").value == len(findings)
    rate = engine.evaluate("legality.finding_acceptance_rate", code, "2021H1").value
    assert float(rate) == pytest.approx(100 * (len(findings) - 1) / len(findings), abs=0.01)
    assert engine.evaluate("legality.adoption_rate", code, "2021H1").value == 100
    assert engine.evaluate("legality.township_reviewed", code, "2021H1").value == 1
