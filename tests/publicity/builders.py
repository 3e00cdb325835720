"""Test records of the publicity line, made through its actions."""

import datetime as dt

from sifa.publicity import actions
from sifa.publicity.models import Form, Topic

D = dt.date
MARCH_15 = D(2024, 3, 15)


def activity(actor, *, held_on=MARCH_15, form=Form.PUBLICITY, topic=Topic.CONSUMER, village=None, **extra):
    fields = {"title": "“3·15”消费者权益保护宣传", "organiser": "砀城司法所", "attendance": 300, "materials": 500} | extra
    return actions.record_activity(actor, held_on=held_on, form=form, topic=topic, village=village, **fields)


QUIZ_BANK = {
    "code": "test-public", "title": "测试题库", "audience": "public", "year": 2024, "minutes": 5, "per_quiz": 3,
    "pass_score": 60,
    "questions": [
        {"text": "违约责任包括？", "options": ["继续履行、采取补救措施或者赔偿损失", "不承担责任"], "answer": "A",
         "article": "民法典第五百七十七条"},
        {"text": "拖欠劳动报酬的，劳动者可以向法院申请？", "options": ["支付令", "复议"], "answer": "A",
         "article": "劳动合同法第三十条"},
        {"text": "离婚时夫妻共同财产如何处理？", "options": ["双方协议处理，协议不成的由法院判决", "归男方"], "answer": "A",
         "article": "民法典第一千零八十七条"},
    ],
}
