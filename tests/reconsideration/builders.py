"""Test records of the reconsideration and litigation lines, made through their actions."""

from __future__ import annotations

import datetime as dt

from sifa.reconsideration import actions
from sifa.reconsideration.models import ActType, Channel, Outcome, TerminationGround
from tests import factories

D = dt.date


def agencies(bureau, actor) -> dict:
    """The county government and two of its departments, with valid credit codes."""
    return {
        "government": actions.add_agency(actor, org=bureau, name=f"{bureau.division.name}人民政府",
                                         credit_code=factories.credit_code("11"), is_government=True),
        "market": actions.add_agency(actor, org=bureau, name=f"{bureau.division.name}市场监督管理局",
                                     credit_code=factories.credit_code("11")),
        "resources": actions.add_agency(actor, org=bureau, name=f"{bureau.division.name}自然资源和规划局",
                                        credit_code=factories.credit_code("11")),
    }


def application(actor, bureau, respondent, received_on: dt.date, **extra):
    fields = {"applicant_name": "张建国", "applicant_id_number": factories.resident_id(),
              "act_type": ActType.PENALTY, "act_description": "罚款五千元的行政处罚决定",
              "request": "撤销该行政处罚决定", "filed_on": received_on, "received_on": received_on,
              "channel": Channel.IN_PERSON} | extra
    return actions.receive(actor, org=bureau, respondent=respondent, **fields)


def closed_case(actor, bureau, respondent, accepted_on: dt.date, closed_on: dt.date, outcome: str,
                corrected: bool = False):
    """A case received and accepted on `accepted_on` and closed with `outcome` on `closed_on`."""
    case = application(actor, bureau, respondent, accepted_on)
    actions.accept(actor, case, accepted_on=accepted_on)
    if outcome in (Outcome.SETTLED, Outcome.WITHDRAWN, Outcome.TERMINATED):
        ground = TerminationGround.WITHDRAWAL if outcome != Outcome.TERMINATED else TerminationGround.NO_SUCCESSOR
        return actions.terminate(actor, case, ground=ground, closed_on=closed_on, settled=outcome == Outcome.SETTLED,
                                 respondent_corrected=corrected)
    return actions.decide(actor, case, outcome=outcome, closed_on=closed_on, respondent_corrected=corrected)


def sign_in(client, user):
    """Log `user` in with a current password (the password-age check would send a fresh account to change it)."""
    from django.utils import timezone

    user.password_changed_at = timezone.now()
    user.save(update_fields=["password_changed_at"])
    client.force_login(user)
    return client
