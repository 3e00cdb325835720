"""法律咨询 (12348, walk-in, online: answer, referral to legal aid or to people's mediation through the mediation
line's own action) and 值班律师 (rosters, legal help, 认罪认罚 records)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sifa.legalaid import actions
from sifa.legalaid.models import Application, ConsultStatus, LegalHelp
from sifa.mediation.models import Dispute, Source

from . import builders

D = dt.date


def test_a_hotline_consultation_is_answered_on_the_spot(la):
    c = actions.record_consultation(la["clerk"], org=la["centre"], channel="12348热线", asked_on=D(2021, 3, 1),
                                    topic="wages", question="工地老板拖欠工资三个月", answer="可向劳动监察投诉或申请仲裁",
                                    persons=3, is_migrant_worker=True)
    assert c.channel == "hotline" and c.status == ConsultStatus.ANSWERED and c.answered_on == D(2021, 3, 1)
    assert c.answered_by


def test_an_online_question_waits_for_an_answer(la):
    c = actions.submit_online_question(org=la["centre"], mobile="13900001111", topic="marriage",
                                       question="离婚后孩子抚养费怎么计算？")
    assert c.status == ConsultStatus.WAITING and c.tracking_code and c.asker_digest
    with pytest.raises(ValidationError, match="请先答复"):
        actions.refer_consultation(la["clerk"], c, referral="lawyer", note="建议委托律师")
    with pytest.raises(ValidationError, match="不能早于咨询日期"):
        actions.answer_consultation(la["clerk"], c, answer="按月收入20%至30%", answered_on=D(2020, 1, 1))
    answered = actions.answer_consultation(la["clerk"], c, answer="一般按月收入的20%至30%", answered_on=dt.date.today())
    assert answered.status == ConsultStatus.ANSWERED
    with pytest.raises(ValidationError, match="已答复"):
        actions.answer_consultation(la["clerk"], c, answer="再答", answered_on=dt.date.today())


def test_referral_to_legal_aid_registers_an_application(la):
    c = actions.record_consultation(la["clerk"], org=la["centre"], channel="visit", asked_on=D(2021, 3, 1),
                                    topic="wages", question="讨薪", answer="符合法律援助条件")
    with pytest.raises(ValidationError, match="须填写法律援助申请信息"):
        actions.refer_consultation(la["clerk"], c, referral="legal_aid")
    actions.refer_consultation(la["clerk"], c, referral="legal_aid", application={
        "category": "labour_arbitration", "civil_matter": "labour", "summary": "讨要工资", "exemption": "a42_3",
        "applicant": builders.applicant()})
    app = Application.objects.get()
    assert app.consultation == c and app.channel == "visit" and app.received_on == D(2021, 3, 1)
    with pytest.raises(ValidationError, match="已转介"):
        actions.refer_consultation(la["clerk"], c, referral="lawyer", note="x")


def test_referral_to_mediation_goes_through_the_mediation_line(la):
    c = actions.record_consultation(la["clerk"], org=la["centre"], channel="hotline", asked_on=D(2021, 3, 1),
                                    topic="property", question="邻居占用通道", answer="可申请人民调解")
    parties = [{"side": "applicant", "name": "张三", "id_number": builders.resident_id(), "mobile": "13800000001"},
               {"side": "respondent", "name": "李四", "id_number": builders.resident_id()}]
    with pytest.raises(ValidationError, match="当事人"):  # the mediation line's own rule
        actions.refer_consultation(la["clerk"], c, referral="mediation", dispute={
            "parties": parties[:1], "summary": "占用通道", "dispute_type": "neighbour"})
    assert Dispute.objects.count() == 0
    actions.refer_consultation(la["clerk"], c, referral="mediation", dispute={
        "parties": parties, "summary": "占用通道", "dispute_type": "neighbour"})
    dispute = Dispute.objects.get()
    c.refresh_from_db()
    assert c.referred_dispute == dispute and dispute.source == Source.HOTLINE
    assert dispute.referred_by == "12348公共法律服务热线" and dispute.status == "pending"


def test_other_referrals_need_a_note(la):
    c = actions.record_consultation(la["clerk"], org=la["centre"], channel="visit", asked_on=D(2021, 3, 1),
                                    topic="consumer", question="网购退货", answer="可向市场监管部门投诉")
    with pytest.raises(ValidationError, match="转介说明"):
        actions.refer_consultation(la["clerk"], c, referral="department")


@pytest.mark.parametrize("change, message", [
    ({"channel": "微信"}, "咨询渠道"), ({"question": ""}, "请填写咨询内容"), ({"persons": 0}, "咨询人次"),
    ({"mobile": "12345"}, "手机"), ({"asked_on": D(2099, 1, 1)}, "不能晚于今天"),
])
def test_bad_consultations_are_refused(la, change, message):
    fields = {"org": la["centre"], "channel": "visit", "asked_on": D(2021, 3, 1), "topic": "wages",
              "question": "讨薪", **change}
    with pytest.raises(ValidationError, match=message):
        actions.record_consultation(la["clerk"], **fields)


@pytest.fixture
def station(la):
    return actions.create_station(la["clerk"], org=la["centre"], name="砀山县人民检察院法律援助工作站",
                                  kind="procuratorate")


def test_help_is_given_by_the_lawyer_on_duty(la, station):
    with pytest.raises(ValidationError, match="未排在"):
        actions.record_help(la["clerk"], station=station, provider=la["senior"], helped_on=D(2021, 3, 1),
                            kind="consult")
    actions.schedule_shift(la["clerk"], station=station, provider=la["senior"], on_date=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="已排在"):
        actions.schedule_shift(la["clerk"], station=station, provider=la["senior"], on_date=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="须由律师担任"):
        actions.schedule_shift(la["clerk"], station=station, provider=la["worker"], on_date=D(2021, 3, 1))
    with pytest.raises(ValidationError, match="检察院案号"):
        actions.record_help(la["clerk"], station=station, provider=la["senior"], helped_on=D(2021, 3, 1),
                            kind="plea")
    help_record = actions.record_help(la["clerk"], station=station, provider=la["senior"], helped_on=D(2021, 3, 1),
                                      kind="plea", persons=2, case_reference="砀检刑诉〔2021〕15号")
    assert help_record.is_plea and help_record.station_kind == "procuratorate"
    with pytest.raises(ValidationError, match="已经登记"):
        actions.record_help(la["clerk"], station=station, provider=la["senior"], helped_on=D(2021, 3, 1),
                            kind="plea", case_reference="砀检刑诉〔2021〕15号")
    assert LegalHelp.objects.count() == 1


def test_a_suspended_lawyer_cannot_sit_on_duty(la, station):
    actions.set_licence_status(la["clerk"], la["junior"], status="suspended", reason="停止执业处罚")
    la["junior"].refresh_from_db()
    with pytest.raises(ValidationError, match="停止执业"):
        actions.schedule_shift(la["clerk"], station=station, provider=la["junior"], on_date=D(2021, 3, 1))
