"""People's 身份证号码, mobile numbers and home addresses are stored encrypted in every line that holds them
(SECURITY.md D2, sifa.core.encrypted): records of every adopting model are built through the actions (the
scope-matrix factories), the raw tables are read with a cursor, and no clear ID, mobile or address is found —
while the application still finds a person by the full ID number (list search, duplicate check)."""

import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from sifa.core import encrypted
from sifa.core.models import Role
from tests import factories, scope_factories

ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
MOBILE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
ADDRESS = "砀山县砀城镇幸福路8号"
EXPECTED = {
    "corrections.Subject", "corrections.Investigation", "corrections.ReleasedPerson",
    "legalaid.Application", "legalaid.Provider", "legalaid.Consultation",
    "mediation.Party", "mediation.Mediator", "mediation.PetitionTransfer", "mediation.Dispute",
    "reconsideration.Case", "notary.NotaryMatter", "publicity.Backbone",
    "enforcement.Officer", "enforcement.Decision",
    "lawyers.Complaint", "lawyers.PracticeApplication", "lawyers.CheckupVisit", "lawyers.DutyVisitor",
}


def _adopted_models():
    return [m for m in apps.get_models() if encrypted.encrypted_fields(m) and not m.__module__.startswith("tests.")]


def _filler(field, n: int) -> str:
    if isinstance(field, encrypted.EncryptedIdNumberField):
        return factories.resident_id(birth="19700101", seq=900 + n)
    if isinstance(field, encrypted.EncryptedMobileField):
        return f"139{n:08d}"
    return ADDRESS


def _raw_rows(model) -> list[dict]:
    columns = [f.column for f in model._meta.concrete_fields]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(model._meta.db_table)}")
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture
def adopted_records(tree):
    """At least one record of every adopting model, built by its line's factory through the actions; a personal
    field the factory left empty is filled in and saved, so every encrypted column holds a value."""
    registry = scope_factories.load_all()
    author = factories.user(tree["office_a"], username="crypt_author")
    models = _adopted_models()
    for model in models:
        registry[model._meta.label_lower](tree["office_a"], author)
    filled = 0
    for model in models:
        assert model.objects.exists(), f"{model._meta.label} 的工厂没有建出记录"
        for obj in model.objects.all():
            empty = [f for f in encrypted.encrypted_fields(model) if not getattr(obj, f.attname)]
            for f in empty:
                filled += 1
                setattr(obj, f.attname, _filler(f, filled))
            if empty:
                obj.save()
    return models


def test_no_clear_id_mobile_or_address_in_any_adopting_table(adopted_records):
    assert {m._meta.label for m in adopted_records} >= EXPECTED
    values = 0
    for model in adopted_records:
        fields = encrypted.encrypted_fields(model)
        clear = {obj.pk: [getattr(obj, f.attname) for f in fields] for obj in model.objects.all()}
        for row in _raw_rows(model):
            text = " ".join(str(v) for v in row.values())
            for f in fields:
                stored = row[f.column]
                assert encrypted.is_encrypted(stored), f"{model._meta.label}.{f.name} 以明文保存：{stored!r}"
                assert not ID_RE.search(stored) and not MOBILE_RE.search(stored)
                values += 1
            for plain in clear[row[model._meta.pk.column]]:
                assert plain and plain not in text, f"{model._meta.label} 的原始行中出现了明文“{plain}”"
            if any(f.index_kind for f in fields):
                assert all(row[f.index_name] for f in fields if f.index_kind), "盲索引列为空"
    assert ADDRESS not in "".join(str(r) for m in adopted_records for r in _raw_rows(m))
    print(f"\nencrypted at rest: {len(adopted_records)} models, {values} personal values, none in clear")


def test_a_person_is_still_found_by_the_full_id_number(tree, client):
    from tests.corrections import builders

    officer = factories.user(tree["office_a"], role=Role.CORRECTIONS_OFFICER, username="crypt_officer")
    person_id = builders.resident_id(seq=77)
    subject = builders.subject(officer, tree["office_a"], name="加密测试对象", id_number=person_id)
    raw = _raw_rows(type(subject))
    assert person_id not in str(raw)

    client.force_login(officer)
    url = reverse("corrections:subject_list")
    assert "加密测试对象" in client.get(url, {"q": person_id.lower()}).content.decode()
    assert "加密测试对象" not in client.get(url, {"q": person_id[:-1] + "0"}).content.decode()

    with pytest.raises(ValidationError, match="不能重复登记"):
        builders.subject(officer, tree["office_a"], name="重复登记", id_number=person_id)


    subject.mobile = "13700001234"
    subject.save(update_fields=["mobile"])   # the blind index follows the new number
    assert list(type(subject).objects.filter(mobile="137 0000 1234")) == [subject]


def test_every_encrypted_field_is_a_sensitive_field():
    """Masked in lists, matched exactly in searches, never offered as a sort key (ciphertext has no order)."""
    for model in _adopted_models():
        names = {f.name for f in encrypted.encrypted_fields(model)}
        assert names <= set(getattr(model, "sensitive_fields", ())), model._meta.label


def test_the_data_migration_encrypts_rows_written_in_clear_and_the_way_back_decrypts_them(tree):
    """What each line's migration runs: rows written before it (clear values, empty blind index) are encrypted and
    indexed; migrating back leaves clear values that fit the old columns again."""
    from django.apps import apps as global_apps

    from sifa.corrections.models import Subject
    from tests.corrections import builders

    officer = factories.user(tree["office_a"], role=Role.CORRECTIONS_OFFICER, username="crypt_migrator")
    person_id = builders.resident_id(seq=78)
    subject = builders.subject(officer, tree["office_a"], name="迁移前对象", id_number=person_id,
                               mobile="13955556666", address=ADDRESS)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE corrections_subject SET id_number = %s, mobile = %s, address = %s, "
                       "id_number_bidx = '', mobile_bidx = '' WHERE id = %s",
                       [person_id, "13955556666", ADDRESS, subject.pk])
    assert not Subject.objects.filter(id_number=person_id).exists()   # not indexed yet

    step = encrypted.encrypt_existing_operation("corrections.Subject")
    editor = SimpleNamespace(connection=connection)   # the steps use only its connection (no DDL)
    step.code(global_apps, editor)
    row = next(r for r in _raw_rows(Subject) if r["id"] == subject.pk)
    assert all(encrypted.is_encrypted(row[c]) for c in ("id_number", "mobile", "address"))
    assert Subject.objects.get(id_number=person_id, mobile="13955556666").address == ADDRESS

    step.reverse_code(global_apps, editor)
    row = next(r for r in _raw_rows(Subject) if r["id"] == subject.pk)
    assert (row["id_number"], row["mobile"], row["address"]) == (person_id, "13955556666", ADDRESS)
