"""Readable history (issue 13, item 4): the 操作记录 panel of every detail page shows choices by their Chinese
label, related records by name and dates in Chinese form — one renderer, core.history."""

import re

import pytest

from sifa.core import audit
from sifa.core.listing import describe_changes, history_for
from sifa.core.models import Role
from tests import factories


@pytest.mark.django_db
def test_choices_foreign_keys_dates_and_related_fields_read_as_words(tree):
    from sifa.corrections.models import Subject

    lines = describe_changes(Subject, {"level": "normal"}, {
        "level": "strict", "org": tree["office_a"].pk, "reported_on": "2021-03-05", "method": "in_person"})
    assert "管理类别：普管 → 严管" in lines, lines
    assert "所属机构：砀城司法所" in lines
    assert "报到（接收）日期：2021年3月5日" in lines
    assert "报告方式：当面报告" in lines            # `method` of a report, written on the subject's row
    text = "；".join(lines)
    for code in ("strict", "normal", "in_person", "2021-03-05", f"所属机构：{tree['office_a'].pk}"):
        assert code not in text, (code, text)


@pytest.mark.django_db
def test_the_panel_names_the_person_and_no_internal_value(tree):
    from sifa.mediation import actions

    user = factories.user(tree["office_a"], Role.OFFICE_STAFF, username="hist_clerk", full_name="钱书记员")
    screening = actions.record_screening(user, org=tree["office_a"], held_on=__import__("datetime").date(2021, 3, 1),
                                         scope="全村")
    audit.action(user, "更正排查", screening, before={"held_on": "2021-03-01", "org": tree["office_b"].pk},
                 after={"held_on": "2021-03-02", "org": tree["office_a"].pk})
    rows = history_for(screening)
    assert rows[0]["username"] == "钱书记员（hist_clerk）"
    assert rows[0]["changes"] == ["排查日期：2021年3月1日 → 2021年3月2日",
                                  "所属机构：周寨司法所 → 砀城司法所"]
    text = str([r["changes"] for r in rows])
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
