"""The work report prints the legal-aid and notary paragraphs from the records (DOMAIN §3, §4 句式)."""

import datetime as dt

from sifa.legalaid import actions
from sifa.reports import document

from . import builders


def test_the_report_sentences_bind_to_the_records(la, tree):
    builders.civil_application(la, received_on=dt.date(2021, 3, 1))
    builders.civil_application(la, received_on=dt.date(2021, 4, 1), exemption="a42_3", is_migrant_worker=True,
                               category="labour_arbitration", civil_matter="labour", recipients=5)
    for _ in range(3):
        actions.record_consultation(la["clerk"], org=la["centre"], channel="hotline", asked_on=dt.date(2021, 5, 6),
                                    topic="wages", question="讨薪", answer="已答复")
    text = document.build(tree["bureau"], "2021H1", user=la["bureau_staff"]).plain_text()
    assert "截至目前法律援助共受理办理案件2件，解答法律咨询3件。" in text
    assert "受理的农民工案件共1件5人次、解答“12348”电话咨询3个" in text
    assert "共办理公证" not in text  # the notary paragraph's figures are all 0 or undefined: not printed (issue 13)
