"""The platform kit every line builds on: the workflow table, the estimated due date, the audited whitelist
edit, snapshots, notifying several users, the import-row adapter and the portal apply skeleton."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from sifa.core import audit, deadlines, workdays
from sifa.core.deadlines import DeadlineRule
from sifa.core.models import Role
from sifa.core.models.audit import AuditEvent
from sifa.core.models.notifications import Notification
from sifa.core.notify import notify_users
from sifa.core.workflow import Step, Workflow, awaiting_for
from sifa.ledger.registry import ImportContext, Row, RowError, call_action, need_user
from tests import factories

D = dt.date


class Light(models.TextChoices):
    RED = "red", "红灯"
    GREEN = "green", "绿灯"
    OFF = "off", "熄灭"


class Lamp:
    def __init__(self, status, broken=False):
        self.status, self.broken = status, broken


TABLE = Workflow(
    model="tests.Lamp", noun="信号灯", states=Light, refusals={Light.OFF: "已熄灭"},
    steps=[Step("go", "放行", sources=[Light.RED], target=Light.GREEN, done="已放行。"),
           Step("stop", "停止", sources=[Light.GREEN], target=Light.RED, roles=[Role.SECTION_STAFF]),
           Step("fix", "维修", sources=[Light.RED, Light.GREEN], offered=lambda lamp: lamp.broken,
                refusal="{state}的{noun}不能{title}。")])


# --- workflow ---


def test_workflow_offers_the_steps_of_the_state_in_table_order(office_user):
    assert TABLE.step_names(Lamp(Light.RED), office_user) == ["go"]
    assert TABLE.step_names(Lamp(Light.RED, broken=True), office_user) == ["go", "fix"]
    assert TABLE.step_names(Lamp(Light.OFF)) == []
    assert TABLE.describe_steps(Lamp(Light.RED)) == [{"step": "go", "title": "放行"}]


def test_workflow_check_refuses_in_chinese(office_user, bureau_user):
    assert TABLE.check(Lamp(Light.RED), "go", office_user).done == "已放行。"
    with pytest.raises(ValidationError, match="该信号灯当前状态为“绿灯”，不能放行。"):
        TABLE.check(Lamp(Light.GREEN), "go", office_user)
    with pytest.raises(ValidationError, match="该信号灯已熄灭，不能放行。"):
        TABLE.check(Lamp(Light.OFF), "go", office_user)
    with pytest.raises(ValidationError, match="熄灭的信号灯不能维修。"):
        TABLE.check(Lamp(Light.OFF), "fix")
    with pytest.raises(PermissionDenied, match="您的角色不能停止"):
        TABLE.check(Lamp(Light.GREEN), "stop", office_user)
    TABLE.check(Lamp(Light.GREEN), "stop", bureau_user)
    assert TABLE.step_names(Lamp(Light.GREEN), bureau_user) == ["stop"]
    assert TABLE.step_names(Lamp(Light.GREEN), office_user) == []


def test_workflow_rejects_undeclared_states_and_repeated_names():
    with pytest.raises(ValueError, match="未声明的状态"):
        Workflow(model="tests.Bad", noun="x", states=Light, steps=[Step("a", "甲", sources=["blue"])])
    with pytest.raises(ValueError, match="重复"):
        Workflow(model="tests.Bad", noun="x", states=Light,
                 steps=[Step("a", "甲", sources=[Light.RED]), Step("a", "乙", sources=[Light.RED])])


def test_workflow_labels_states_and_resolves_forms_lazily():
    from sifa.mediation.forms import AcceptForm
    from sifa.mediation.workflow import WORKFLOW

    assert TABLE.state_label("green") == "绿灯"
    assert WORKFLOW.step("accept").form_class is AcceptForm
    with pytest.raises(LookupError):
        TABLE.step("go").form_class  # noqa: B018
    with pytest.raises(LookupError):
        TABLE.step("fly")


def test_awaiting_my_decision_counts_pending_cases_in_scope(tree, office_user, other_office_user, logged_in):
    from sifa.mediation import actions
    from sifa.mediation.models import DisputeType, Source
    from tests.mediation import builders

    builders.county(tree)
    actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(), summary="x",
                             dispute_type=DisputeType.OTHER, source=Source.APPLICATION, applied_on=D(2021, 4, 1))
    mine = [a for a in awaiting_for(office_user) if a.noun == "纠纷"]
    assert [(a.state_label, a.count) for a in mine] == [("待受理", 1)]
    assert mine[0].url.endswith("?status=pending")
    assert not [a for a in awaiting_for(other_office_user) if a.noun == "纠纷"]
    html = logged_in.get("/").content.decode()
    assert "待我决定" in html and "纠纷 1 件" in html and "?status=pending" in html


# --- deadlines while the holiday calendar is unpublished ---


def _uncovered_year() -> int:
    return workdays.covered_years()[-1] + 2


def test_covered_year_gives_the_legal_date_without_note():
    due = deadlines.estimated_due(DeadlineRule("working", 5, "x"), D(2021, 9, 30))
    assert due == deadlines.Due(D(2021, 10, 13)) and not due.estimated


@pytest.mark.django_db  # whether a year is published is read from the stored schedules (core.HolidaySchedule)
def test_uncovered_year_counts_monday_to_friday_and_says_so():
    year = _uncovered_year()
    start = D(year, 3, 1)
    for kind, amount in (("working", 5), ("calendar", 10), ("months", 1)):
        due = deadlines.estimated_due(DeadlineRule(kind, amount, "x"), start)
        assert due.note == deadlines.ESTIMATE_NOTE == "节假日安排未发布，按工作日推算"
        assert due.date.weekday() < 5
    working = deadlines.estimated_due(DeadlineRule("working", 5, "x"), start).date
    assert sum(1 for n in range(1, (working - start).days + 1) if (start + dt.timedelta(n)).weekday() < 5) == 5
    assert deadlines.estimate_note(working) == deadlines.ESTIMATE_NOTE
    assert deadlines.estimate_note(D(2021, 3, 1)) == ""


@pytest.mark.django_db  # whether a year is published is read from the stored schedules (core.HolidaySchedule)
def test_uncovered_month_deadline_keeps_month_arithmetic():
    year = _uncovered_year()
    due = deadlines.estimated_due(DeadlineRule("months", 1, "x"), D(year, 1, 31)).date
    last_of_february = D(year, 3, 1) - dt.timedelta(days=1)
    expected = last_of_february
    while expected.weekday() >= 5:
        expected += dt.timedelta(days=1)
    assert due == expected
    assert deadlines.lenient_due_date(DeadlineRule("months", 1, "x"), D(year, 1, 31)) == expected


@pytest.mark.django_db  # whether a year is published is read from the stored schedules (core.HolidaySchedule)
def test_uncovered_year_with_pause_still_estimates():
    year = _uncovered_year()
    rule = DeadlineRule("working", 3, "x")
    plain = deadlines.estimated_due(rule, D(year, 3, 2)).date
    paused = deadlines.estimated_due(rule, D(year, 3, 2), [(D(year, 3, 3), D(year, 3, 3))]).date
    assert paused > plain
    assert deadlines.estimated_due(rule, D(year, 3, 2), [(D(year, 3, 3), None)]).date is None


# --- audit snapshot and whitelisted edits ---


def test_snapshot_masks_and_reads_labels(tree):
    office = tree["office_a"]
    plain = audit.snapshot(office, ("name", "kind", "active"))
    readable = audit.snapshot(office, ("name", "kind", "active", "parent"), readable=True)
    assert plain["kind"] == office.kind and plain["active"] == "True"
    assert readable["kind"] == office.get_kind_display() and readable["active"] == "是"
    assert readable["parent"] == str(office.parent)


def test_edited_applies_the_whitelist_and_writes_one_row(office_user, tree):
    office = tree["office_a"]
    with audit.edited(office_user, office, "修改机构", ("name", "phone")) as edit:
        edit.apply({"phone": " 0557-1 "}, allowed={"phone"}, cleaners={"phone": str.strip})
        edit.extra["note"] = "x"
        office.save()
    row = AuditEvent.objects.filter(verb="修改机构").get()
    assert row.before["phone"] != "0557-1" and row.after == {"name": office.name, "phone": "0557-1", "note": "x"}
    with pytest.raises(ValidationError, match="字段“code”不允许修改。"):
        with audit.edited(office_user, office, "修改机构", ("name",)) as edit:
            edit.apply({"phone": "1", "code": "X"}, allowed={"phone"})
    office.refresh_from_db()
    assert office.phone == "0557-1" and AuditEvent.objects.filter(verb="修改机构").count() == 1


# --- notify several users ---


def test_notify_users_tells_each_active_user_once(tree):
    a = factories.user(tree["office_a"], username="a1")
    b = factories.user(tree["office_a"], username="b1", is_active=False)
    assert notify_users([a, None, a, b], "新的申请", category="测试") == 1
    assert Notification.objects.filter(user=a).count() == 1 and not Notification.objects.filter(user=b).exists()


# --- an action's refusal becomes the import row's error ---


def test_call_action_turns_refusals_into_row_errors():
    def refuse(kind):
        raise (ValidationError(["甲", "乙"]) if kind == "v" else PermissionDenied("不在范围内"))

    with pytest.raises(RowError) as caught:
        call_action(Row(7, {}), "name", refuse, "v")
    assert (caught.value.row, caught.value.message, caught.value.column) == (7, "甲；乙", "name")
    with pytest.raises(RowError) as caught:
        call_action(8, "org", refuse, "p")
    assert (caught.value.row, caught.value.message) == (8, "不在范围内")
    assert call_action(9, "x", lambda: 3) == 3
    with pytest.raises(RowError, match="人民调解台账须以业务人员身份导入"):
        need_user(ImportContext(user=None, org=None), ledger="人民调解台账")


# --- moving a unit repaths everything below it in one statement per model ---


def test_moving_a_unit_repaths_units_and_records_below_it(tree, office_user, django_assert_max_num_queries):
    from sifa.core.models import OrgUnit
    from sifa.core.models.scope import ScopedModel
    from sifa.mediation import actions
    from sifa.mediation.models import Dispute, DisputeType, Source
    from tests.mediation import builders

    med = builders.county(tree)
    office, new_parent = tree["office_a"], tree["office_b"]
    dispute = actions.register_dispute(office_user, org=office, parties=builders.parties(), summary="x",
                                       dispute_type=DisputeType.OTHER, source=Source.APPLICATION,
                                       applied_on=D(2021, 4, 1))
    below = OrgUnit.objects.filter(path__startswith=office.path).exclude(pk=office.pk)
    assert below.exists() and med
    old_path = office.path
    office.parent = new_parent
    models = len(ScopedModel.concrete_subclasses())
    # one UPDATE per model (plus, for a model with roll-ups, the bump of its generation): not one per row
    with django_assert_max_num_queries(2 * models + 8):
        office.save()
    assert office.path == new_parent.path + office.code + "/"
    for unit in OrgUnit.objects.filter(parent=office):
        assert unit.path == office.path + unit.code + "/"
    assert not OrgUnit.objects.filter(path__startswith=old_path).exists()
    assert Dispute.objects.get(pk=dispute.pk).org_path == office.path


# --- the own password change is an action ---


def test_password_change_page_goes_through_the_audited_action(client, tree):
    from django.urls import reverse

    user = factories.user(tree["office_a"], username="changer", must_change_password=True)
    user.set_password("Old-Passw0rd-2021")
    user.save()
    client.force_login(user)
    url = reverse("core:password_change")
    wrong = client.post(url, {"old_password": "nope", "new_password1": "New-Passw0rd-2026",
                              "new_password2": "New-Passw0rd-2026"})
    assert wrong.status_code == 200 and not AuditEvent.objects.filter(event="password_change").exists()
    done = client.post(url, {"old_password": "Old-Passw0rd-2021", "new_password1": "New-Passw0rd-2026",
                             "new_password2": "New-Passw0rd-2026"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("New-Passw0rd-2026") and not user.must_change_password
    assert AuditEvent.objects.filter(event="password_change", username="changer").count() == 1
    assert client.get(reverse("core:home")).status_code == 200  # the session survived the change


def test_history_shows_states_by_their_workflow_labels():
    from sifa.core.listing import describe_changes
    from sifa.notary.models import NotaryMatter

    lines = describe_changes(NotaryMatter, {"status": "accepted", "fee": "100"}, {"status": "issued", "fee": "100"})
    assert lines == ["状态：已受理，审查中 → 已出具公证书"]
