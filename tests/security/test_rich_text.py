"""Free text is cleaned on save with nh3 (sifa.core.richtext, SECURITY.md F2): markup never reaches the
database, whichever line's record holds it, and ordinary text is stored as typed."""

import datetime as dt

import pytest
from django.db import connection

from sifa.core import richtext
from sifa.core.models import AuditEvent, ScopedModel
from sifa.mediation import actions as mediation
from tests import scope_factories
from tests.mediation import builders

HOSTILE = [
    ("<script>alert(1)</script>赔偿500元", "赔偿500元"),
    ('<img src=x onerror="alert(1)">于三日内付清', "于三日内付清"),
    ("<svg onload=alert(1)>意见", "意见"),
    ('<a href="javascript:alert(1)">点此</a>查看', "点此查看"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;备注", "备注"),
    ("<style>body{display:none}</style><b>甲方</b>支付", "甲方支付"),
    ("<iframe src=//evil.example></iframe>协议", "协议"),
]
PLAIN = ["a < b & c", "金额<1000元且>500元", "<<民法典>>第1165条", "甲方&乙方", "第一行\n第二行\t末尾", "1<2", ""]


@pytest.mark.parametrize("typed, stored", HOSTILE)
def test_hostile_markup_is_removed(typed, stored):
    assert richtext.clean_text(typed) == stored


@pytest.mark.parametrize("typed", PLAIN)
def test_ordinary_text_is_stored_as_typed(typed):
    assert richtext.clean_text(typed) == typed


def _raw(model, pk, column):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{model._meta.db_table}" WHERE id = %s', [pk])
        return cursor.fetchone()[0]


def test_agreement_terms_and_minutes_are_stored_cleaned_through_the_actions(tree, office_user):
    med = builders.county(tree)
    dispute = mediation.open_case(
        office_user, org=med["village"].org, parties=builders.parties(), committee=med["village"],
        accepted_on=dt.date(2021, 3, 1), mediators=med["village_mediators"][:1],
        summary='两家因排水沟<img src=x onerror="alert(1)">发生争执', dispute_type="neighbour", source="application")
    session = mediation.record_session(office_user, dispute, held_on=dt.date(2021, 3, 5),
                                       minutes="<script>fetch('/x')</script>双方陈述事实。",
                                       mediators=[dispute.lead_mediator])
    agreement = mediation.record_agreement(office_user, dispute, terms="李四赔偿<b onmouseover=alert(1)>500元</b>。",
                                           signed_on=dt.date(2021, 3, 8), perform_by=dt.date(2021, 3, 11))
    assert _raw(type(dispute), dispute.pk, "summary") == "两家因排水沟发生争执"
    assert _raw(type(session), session.pk, "minutes") == "双方陈述事实。"
    assert _raw(type(agreement), agreement.pk, "terms") == "李四赔偿500元。"


@pytest.mark.slow
def test_every_text_field_of_every_line_is_cleaned_on_save(tree, settings):
    """A record of every model of every line (the scope matrix's factories), every text field given a hostile
    suffix and saved: every one is stored without it."""
    from tests import factories

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    author = factories.user(tree["office_a"], username="richtext_author")
    records = []
    for build in scope_factories.load_all().values():
        made = build(tree["office_a"], author)
        records.extend(made if isinstance(made, list | tuple) else [made])
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    fields = models = 0
    for obj in records:
        names = richtext.text_fields(type(obj))
        if not names:
            continue
        models += 1
        before = {n: getattr(obj, n) for n in names}
        for name in names:
            setattr(obj, name, (before[name] or "") + payload)
        obj.save(update_fields=[type(obj)._meta.get_field(n).name for n in names])
        for name in names:
            column = type(obj)._meta.get_field(name).column
            assert _raw(type(obj), obj.pk, column) == (before[name] or ""), f"{type(obj).__name__}.{name}"
            fields += 1
    lines = {type(o)._meta.app_label for o in records if richtext.text_fields(type(o))}
    print(f"\nrich text: {fields} text fields of {models} records in {len(lines)} apps stored cleaned")
    assert models > 20 and {"mediation", "legalaid", "corrections", "notary", "reconsideration"} <= lines


def test_audit_rows_and_models_outside_the_product_are_not_touched():
    assert richtext.text_fields(AuditEvent) == ()
    assert all(richtext.text_fields(m) for m in ScopedModel.concrete_subclasses()
               if m.__module__.startswith("sifa.") and any(
                   f.get_internal_type() == "TextField" and not f.choices for f in m._meta.concrete_fields))
