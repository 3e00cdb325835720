"""The demo's agreements match their disputes: a wage claim settles with wages, a family quarrel with 抚养/赡养,
a boundary quarrel with 界址 — and a payment is the dispute's own 涉及金额."""

import re

import pytest

from sifa.mediation.demo import AGREEMENT_TERMS, SUMMARIES, agreement_terms
from sifa.mediation.models import DisputeType

WORDS = {  # what a settlement of each kind speaks of; written apart from the demo's lists
    DisputeType.NEIGHBOUR: "排水|通道|树|养殖|和好",
    DisputeType.MARRIAGE_FAMILY: "抚养|赡养|探望|和好|子女",
    DisputeType.HOUSING: "界|宅基地|过户",
    DisputeType.DAMAGES: "赔偿|损失|修复",
    DisputeType.CONTRACT: "欠款|结算|借款",
    DisputeType.LAND: "流转|地界|灌溉",
    DisputeType.REQUISITION: "补偿款|安置",
    DisputeType.LABOUR: "工资|工伤|经济补偿",
    DisputeType.MEDICAL: "医院|医疗费",
    DisputeType.TRAFFIC: "肇事|车辆|赔偿",
    DisputeType.OTHER: "宴请|合伙",
}
FOREIGN = {DisputeType.LABOUR: "界址|宅基地|和好", DisputeType.MARRIAGE_FAMILY: "界址|工资|肇事",
           DisputeType.NEIGHBOUR: "工资|抚养|医院"}


@pytest.mark.parametrize("dispute_type", list(DisputeType))
def test_every_wording_of_an_agreement_fits_its_kind_of_dispute(dispute_type):
    assert dispute_type in SUMMARIES and dispute_type in AGREEMENT_TERMS
    for variant in range(4):
        terms = agreement_terms(dispute_type, variant, 3000)
        assert terms.startswith("双方自愿达成协议：") and "{" not in terms
        assert re.search(WORDS[dispute_type], terms), terms
        if dispute_type in FOREIGN:
            assert not re.search(FOREIGN[dispute_type], terms), terms


def test_a_payment_is_the_disputes_own_amount():
    assert "56000元" in agreement_terms(DisputeType.LABOUR, 0, 56000)
