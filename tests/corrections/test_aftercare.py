"""安置帮教: release notice, 必接必送 before a key person is linked, 帮教小组, 安置, five-year tracking."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.corrections.actions import aftercare
from sifa.corrections.models import ReleasedPerson, ReleaseStatus

from . import builders

D = dt.date
pytestmark = pytest.mark.django_db


def _release(cor, tree, **extra):
    fields = {"name": "赵某", "id_number": builders.resident_id(), "crime": "盗窃罪", "prison": "安徽省宿州监狱",
              "release_on": D(2021, 3, 10), "notice_received_on": D(2021, 2, 8), **extra}
    return aftercare.register_release(cor["a"], org=tree["office_a"], **fields)


def test_key_person_is_escorted_before_linking(cor, tree):
    person = _release(cor, tree, key_person=True)
    assert person.tracking_until == D(2026, 3, 9) and person.status == ReleaseStatus.NOTIFIED
    with pytest.raises(ValidationError, match="必接必送"):
        aftercare.link(cor["a"], person, linked_on=D(2021, 3, 10))
    with pytest.raises(ValidationError, match="不能早于释放日期"):
        aftercare.record_pickup(cor["a"], person, picked_up_on=D(2021, 3, 9), escorts="甲、乙")
    aftercare.record_pickup(cor["a"], person, picked_up_on=D(2021, 3, 10), escorts="司法所甲、村干部乙")
    with pytest.raises(ValidationError, match="请至少填写一名帮教小组成员"):
        aftercare.link(cor["a"], person, linked_on=D(2021, 3, 10), helpers=[{"name": " ", "role": "office"}])
    linked = aftercare.link(cor["a"], person, linked_on=D(2021, 3, 10),
                            helpers=[{"name": "甲", "role": "office"}, {"name": "赵父", "role": "family"}])
    assert linked.status == ReleaseStatus.LINKED and linked.helpers.count() == 2


def test_resettlement_tracking_and_the_end_of_the_window(cor, tree):
    person = aftercare.link(cor["a"], _release(cor, tree), linked_on=D(2021, 3, 12))
    aftercare.record_resettlement(cor["a"], person, kind="就业", settled_on=D(2021, 4, 1), detail="梨膏厂务工")
    aftercare.record_contact(cor["a"], person, contacted_on=D(2021, 6, 1), method="in_person", content="稳定")
    with pytest.raises(ValidationError, match="期满前不能办理"):
        aftercare.end_tracking(cor["a"], person, ended_on=D(2026, 3, 9))
    ended = aftercare.end_tracking(cor["a"], person, ended_on=D(2026, 3, 10))
    assert ended.status == ReleaseStatus.ENDED
    with pytest.raises(ValidationError, match="不在帮教期内"):
        aftercare.record_contact(cor["a"], person, contacted_on=D(2026, 3, 11), method="phone", content="x")


def test_lost_found_reoffended(cor, tree):
    person = aftercare.link(cor["a"], _release(cor, tree), linked_on=D(2021, 3, 12))
    aftercare.mark_lost(cor["a"], person, lost_on=D(2021, 8, 1), note="外出务工失去联系")
    aftercare.mark_found(cor["a"], person, found_on=D(2021, 9, 1))
    again = aftercare.mark_reoffended(cor["a"], person, reoffended_on=D(2022, 1, 5), note="因盗窃被刑事拘留")
    assert again.status == ReleaseStatus.REOFFENDED and again.reoffended_on == D(2022, 1, 5)


def test_duplicate_and_bad_input(cor, tree, office_user):
    person = _release(cor, tree)
    with pytest.raises(ValidationError, match="已在本县登记帮教"):
        _release(cor, tree, id_number=person.id_number)
    with pytest.raises(ValidationError, match="校验位"):
        _release(cor, tree, id_number="341321199001010000")
    with pytest.raises(PermissionDenied):
        aftercare.register_release(office_user, org=tree["office_a"], name="x", id_number=builders.resident_id(),
                                   crime="x", prison="x", release_on=D(2021, 1, 1))
    assert ReleasedPerson.objects.count() == 1
    unlinked = aftercare.mark_unlinked(cor["a"], person, reason="户籍地无此人，已函告监狱")
    assert unlinked.status == ReleaseStatus.UNLINKED
