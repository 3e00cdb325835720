"""Personal data encrypted at rest (sifa.core.encrypted, SECURITY.md D2): SM4-GCM in the column, HMAC-SM3 blind
index for exact search and duplicates, key rotation. A model is defined for the test only (no line adopts the
fields yet)."""

import io

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction

from sifa.core import encrypted

ID = "11010519491231002X"
MOBILE = "13812341234"
ADDRESS = "安徽省宿州市砀山县砀城镇人民路1号"
_model = None


def _define():
    global _model
    if _model is None:
        class Person(models.Model):
            name = models.CharField(max_length=50)
            id_number = encrypted.EncryptedIdNumberField(blank=True, unique=True)
            mobile = encrypted.EncryptedMobileField(blank=True)
            address = encrypted.EncryptedTextField(blank=True)

            class Meta:
                app_label = "security"

        _model = Person
        apps.all_models["security"].pop("person", None)
        apps.clear_cache()
    return _model


@pytest.fixture
def person_model(db, settings):
    settings.SIFA_DATA_KEYS = "k1:00112233445566778899aabbccddeeff"
    settings.SIFA_INDEX_KEY = "ab" * 32
    encrypted.reset_keys()
    model = _define()
    apps.register_model("security", model)
    editor = connection.schema_editor(collect_sql=True)  # as tests/security/conftest.py: inside the transaction
    editor.deferred_sql = []
    editor.create_model(model)
    with connection.cursor() as cursor:
        for statement in [*editor.collected_sql, *map(str, editor.deferred_sql)]:
            cursor.execute(statement)
    yield model
    apps.all_models["security"].pop("person", None)
    apps.clear_cache()
    encrypted.reset_keys()


def _raw():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {_define()._meta.db_table}")
        return [" ".join(str(v) for v in row) for row in cursor.fetchall()]


def test_known_answers_sm4_and_sm3():
    k = bytes.fromhex("0123456789abcdeffedcba9876543210")
    enc = Cipher(algorithms.SM4(k), modes.ECB()).encryptor()
    assert (enc.update(k) + enc.finalize()).hex() == "681edf34d206965e86b3e94f536e4246"
    digest = hashes.Hash(hashes.SM3())
    digest.update(b"abc")
    assert digest.finalize().hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_the_database_holds_no_plain_id_mobile_or_address_and_the_model_reads_them(person_model):
    p = person_model.objects.create(name="张小三", id_number=ID, mobile=MOBILE, address=ADDRESS)
    raw = "\n".join(_raw())
    assert ID not in raw and MOBILE not in raw and "人民路" not in raw
    assert raw.count("sm4g1:k1:") == 3
    again = person_model.objects.get(pk=p.pk)
    assert (again.id_number, again.mobile, again.address) == (ID, MOBILE, ADDRESS)
    print(f"\nencrypted at rest: plain IDs in the raw table 0, plain mobiles 0 ({len(raw)} characters read)")


def test_exact_search_and_duplicate_check_use_the_blind_index(person_model):
    p = person_model.objects.create(name="张小三", id_number=ID, mobile=MOBILE)
    person_model.objects.create(name="李四", mobile="13900001111")
    assert list(person_model.objects.filter(id_number=ID.lower())) == [p]   # normalised like the validator
    assert list(person_model.objects.filter(mobile="+86 138-1234-1234")) == [p]
    assert not person_model.objects.filter(id_number="110105194912310035").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        person_model.objects.create(name="重复", id_number=ID)
    with pytest.raises(NotImplementedError, match="不支持"):
        list(person_model.objects.filter(id_number__contains="1101"))


def test_a_flipped_byte_or_a_value_moved_to_another_column_does_not_decrypt(person_model):
    p = person_model.objects.create(name="张小三", id_number=ID, mobile=MOBILE)
    table = person_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id_number FROM {table} WHERE id = %s", [p.pk])
        stored = cursor.fetchone()[0]
        body = stored.rsplit(":", 1)[1]
        flipped = stored[: -len(body)] + ("A" if body[0] != "A" else "B") + body[1:]
        cursor.execute(f"UPDATE {table} SET id_number = %s, mobile = %s WHERE id = %s", [flipped, stored, p.pk])
    with pytest.raises(encrypted.DecryptionError):
        person_model.objects.get(pk=p.pk)
    with pytest.raises(encrypted.DecryptionError):
        person_model.objects.values_list("mobile", flat=True).get(pk=p.pk)


def test_rows_written_in_clear_are_encrypted_and_rotation_moves_them_to_the_new_key(person_model, settings):
    table = person_model._meta.db_table
    with connection.cursor() as cursor:  # a row as an older release stored it
        cursor.execute(f"INSERT INTO {table} (name, id_number, mobile, address, id_number_bidx, mobile_bidx) "
                       "VALUES ('旧记录', %s, %s, %s, NULL, '')", [ID, MOBILE, ADDRESS])
    assert encrypted.reencrypt_model(person_model) == 1
    assert ID not in "\n".join(_raw()) and person_model.objects.filter(id_number=ID).count() == 1

    settings.SIFA_DATA_KEYS = "k2:ffeeddccbbaa99887766554433221100,k1:00112233445566778899aabbccddeeff"
    out = io.StringIO()
    call_command("rotate_data_key", stdout=out)
    raw = "\n".join(_raw())
    assert "sm4g1:k2:" in raw and "sm4g1:k1:" not in raw and "共重新加密 1 行" in out.getvalue()
    settings.SIFA_DATA_KEYS = "k2:ffeeddccbbaa99887766554433221100"  # the old key removed
    encrypted.reset_keys()
    assert person_model.objects.get(id_number=ID).address == ADDRESS


def test_production_on_the_development_key_is_warned_about(settings):
    settings.SIFA_DATA_KEYS, settings.SIFA_INDEX_KEY, settings.DEBUG = "", "", False
    encrypted.reset_keys()
    try:
        assert [w.id for w in encrypted.check_data_key(None)] == ["sifa.W201"]
        settings.SIFA_DATA_KEYS, settings.SIFA_INDEX_KEY = "k1:00112233445566778899aabbccddeeff", "ab" * 32
        encrypted.reset_keys()
        assert encrypted.check_data_key(None) == []
    finally:
        encrypted.reset_keys()
