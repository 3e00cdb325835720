"""在册 stocks at the period's end (issue 13, item 7): 电子定位 persons wearing a device, 安置帮教 persons in
register — as of the period's last day, or of a report's as-of date (截至…)."""

import datetime as dt

from sifa.corrections import actions
from sifa.corrections.actions import aftercare
from sifa.indicators import engine

from . import builders

D = dt.date


def value(code, period):
    return engine.evaluate(code, "341321", period).value


def test_persons_wearing_a_device_at_period_end(cor, tree, subject):
    monitor = actions.propose_monitor(cor["a"], subject, situation="left_area", facts="未经批准前往徐州",
                                      months=3, proposed_on=D(2021, 3, 1))
    assert value("corrections.monitored", "2021Q1") == 0  # proposed, not approved: nobody wears it
    actions.approve_monitor(cor["head"], monitor, approve=True, approved_on=D(2021, 3, 2))
    assert value("corrections.monitored", "2021Q1") == 1
    assert value("corrections.monitored", "2021-02") == 0  # before it was put on
    actions.end_monitor(cor["county"], monitor, ended_on=D(2021, 5, 10), reason="表现良好，提前解除")
    assert value("corrections.monitored", "2021-04") == 1
    assert value("corrections.monitored", "截至2021-05-10") == 0  # taken off that day
    assert value("corrections.monitored", "2021H1") == 0
    assert value("corrections.monitors", "2021H1") == 1  # the approvals, counted by approval date (人次)


def test_aftercare_register_at_period_end(cor, tree):
    def release(name, on):
        return aftercare.register_release(cor["a"], org=tree["office_a"], name=name, id_number=builders.resident_id(),
                                          crime="盗窃罪", prison="安徽省宿州监狱", release_on=on,
                                          notice_received_on=on - dt.timedelta(days=30))

    a = aftercare.link(cor["a"], release("甲", D(2021, 2, 1)), linked_on=D(2021, 2, 3))
    aftercare.link(cor["a"], release("乙", D(2021, 5, 1)), linked_on=D(2021, 5, 6))
    release("丙", D(2021, 6, 20))  # notified, not yet linked: not in register
    assert value("aftercare.registered", "2021Q1") == 1
    assert value("aftercare.registered", "2021H1") == 2
    aftercare.mark_reoffended(cor["a"], a, reoffended_on=D(2021, 7, 9), note="因盗窃被刑事拘留")
    assert value("aftercare.registered", "截至2021-07-08") == 2
    assert value("aftercare.registered", "2021") == 1
    assert value("aftercare.tracked", "2021") == 2  # in register at any time of the year
