"""Personal data encrypted at rest with SM4-GCM, found by an HMAC-SM3 blind index (SECURITY.md D2).

A line adopts it by declaring the field:

    id_number = EncryptedIdNumberField("身份证号码", blank=True)   # + column id_number_bidx, added by the kit
    mobile = EncryptedMobileField("联系电话", blank=True)
    address = EncryptedTextField("居住地", blank=True)

The model reads and writes clear text as before; the column holds `sm4g1:<key id>:<base64(nonce|ciphertext|tag)>`
(SM4 in GCM mode from `cryptography`, a random 96-bit nonce per value, the model and field as associated data, so
a value copied into another column or row of another model does not decrypt). ID-number and mobile fields get a
companion column `<name>_bidx`: HMAC-SM3 of the normalised value under a separate index key, so
`Model.objects.filter(id_number="3413…")` (the `exact` lookup, rewritten to the index) and duplicate checks keep
working without decrypting; `unique=True` on the field puts the uniqueness on the index. Other lookups
(contains, ordering) on an encrypted column are meaningless and refused.

Keys come from outside the database: `SIFA_DATA_KEYS` (environment) or the file named by `SIFA_DATA_KEY_FILE`,
lines of `<key id>:<32 hex digits>`, the first being the current key; older keys stay listed until
`sifa rotate_data_key` has re-encrypted every row with the current one. The blind-index key is
`SIFA_INDEX_KEY` (64 hex digits) or the `index:` line of the key file. Without them a fixed development key is
used (`DEV_KEY_ID`): fine for the demo and tests, and a system check warns at start when a production
configuration (DEBUG off) runs on it.
"""

from __future__ import annotations

import base64
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Lookup
from django.db.models.expressions import Col

from . import identifiers

PREFIX = "sm4g1"
DEV_KEY_ID = "dev"
_DEV_DATA_KEY = bytes.fromhex("73696661206465762064617461206b31")   # "sifa dev data k1": development only
_DEV_INDEX_KEY = bytes.fromhex("736966612064657620696e646578206b657920666f7220626c696e6420696478")
NONCE = 12
TAG = 16


class DecryptionError(Exception):
    """A stored value that does not decrypt: unknown key id, or a flipped byte (the GCM tag fails)."""


# --- keys ------------------------------------------------------------------------------------------------------

def _parse_key_lines(lines) -> tuple[list[tuple[str, bytes]], bytes | None]:
    keys, index = [], None
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key_id, _, hexkey = line.partition(":")
        try:
            value = bytes.fromhex(hexkey.strip())
        except ValueError:
            raise ImproperlyConfigured(f"数据加密密钥“{key_id}”不是十六进制。")
        if key_id == "index":
            index = value
            continue
        if len(value) != 16 or not key_id.isalnum():
            raise ImproperlyConfigured(f"数据加密密钥“{key_id}”应为字母数字编号和32位十六进制（SM4 128位）。")
        keys.append((key_id, value))
    return keys, index


@cache
def _keyring() -> tuple[tuple[tuple[str, bytes], ...], bytes]:
    lines = []
    if getattr(settings, "SIFA_DATA_KEYS", "") or os.environ.get("SIFA_DATA_KEYS"):
        lines += (getattr(settings, "SIFA_DATA_KEYS", "") or os.environ["SIFA_DATA_KEYS"]).replace(",", "\n").split("\n")
    path = getattr(settings, "SIFA_DATA_KEY_FILE", "") or os.environ.get("SIFA_DATA_KEY_FILE", "")
    if path:
        with open(path, encoding="utf-8") as handle:
            lines += handle.read().splitlines()
    keys, index = _parse_key_lines(lines)
    env_index = getattr(settings, "SIFA_INDEX_KEY", "") or os.environ.get("SIFA_INDEX_KEY", "")
    if env_index:
        index = bytes.fromhex(env_index)
    if not keys:
        keys = [(DEV_KEY_ID, _DEV_DATA_KEY)]
    return tuple(keys), index or _DEV_INDEX_KEY


def reset_keys() -> None:
    """Forget the cached keyring (after the settings or the key file changed: tests, the rotation command)."""
    _keyring.cache_clear()


def current_key_id() -> str:
    return _keyring()[0][0][0]


def on_development_key() -> bool:
    keys, index = _keyring()
    return keys[0][0] == DEV_KEY_ID or index == _DEV_INDEX_KEY


def _key(key_id: str) -> bytes:
    for known, value in _keyring()[0]:
        if known == key_id:
            return value
    raise DecryptionError(f"未知的数据加密密钥编号“{key_id}”：请在 SIFA_DATA_KEYS 或密钥文件中保留该旧密钥，"
                          "直至 sifa rotate_data_key 完成。")


# --- SM4-GCM and HMAC-SM3 -------------------------------------------------------------------------------------

def _gcm(key: bytes, nonce: bytes, tag: bytes | None = None):
    return Cipher(algorithms.SM4(key), modes.GCM(nonce, tag) if tag else modes.GCM(nonce))


def encrypt(plain: str, context: str) -> str:
    key_id = current_key_id()
    nonce = os.urandom(NONCE)
    enc = _gcm(_key(key_id), nonce).encryptor()
    enc.authenticate_additional_data(context.encode())
    body = enc.update(plain.encode("utf-8")) + enc.finalize()
    return f"{PREFIX}:{key_id}:" + base64.b64encode(nonce + body + enc.tag).decode("ascii")


def is_encrypted(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX + ":")


def key_id_of(stored: str) -> str | None:
    return stored.split(":", 2)[1] if is_encrypted(stored) else None


def decrypt(stored: str, context: str) -> str:
    try:
        _, key_id, payload = stored.split(":", 2)
        raw = base64.b64decode(payload, validate=True)
    except ValueError:
        raise DecryptionError("密文格式不正确。")
    nonce, body, tag = raw[:NONCE], raw[NONCE:-TAG], raw[-TAG:]
    dec = _gcm(_key(key_id), nonce, tag).decryptor()
    dec.authenticate_additional_data(context.encode())
    try:
        return (dec.update(body) + dec.finalize()).decode("utf-8")
    except InvalidTag:
        raise DecryptionError("密文校验失败（数据被篡改或密钥不符）。")


def blind_index(kind: str, value: str) -> str:
    """HMAC-SM3 of a normalised value under the index key; "" for an empty value (not indexed)."""
    if not value:
        return ""
    mac = crypto_hmac.HMAC(_keyring()[1], hashes.SM3())
    mac.update(f"{kind}:{value}".encode())
    return mac.finalize().hex()


# --- fields ---------------------------------------------------------------------------------------------------

class BlindIndexField(models.CharField):
    """The companion column of an indexed encrypted field; written by the kit, never by hand."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        if any(f.name == name for f in cls._meta.local_fields):
            return  # already added by its encrypted field (a migration's model state lists both)
        super().contribute_to_class(cls, name, *args, **kwargs)


class EncryptedTextField(models.TextField):
    """Clear text in Python, SM4-GCM ciphertext in the column. `index_kind` adds a blind index column."""

    index_kind: str | None = None
    description = "SM4 加密文本"

    def __init__(self, *args, unique_index: bool = False, **kwargs):
        self.unique_index = unique_index or kwargs.pop("unique", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.unique_index:
            kwargs["unique_index"] = True
        return name, path, args, kwargs

    @property
    def index_name(self) -> str | None:
        return f"{self.name}_bidx" if self.index_kind else None

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if self.index_kind and not cls._meta.abstract \
                and not any(f.name == f"{name}_bidx" for f in cls._meta.local_fields):
            cls.add_to_class(f"{name}_bidx", BlindIndexField(unique=self.unique_index, null=self.unique_index))

    def context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def normalise(self, value: str) -> str:
        return value.strip()

    def from_db_value(self, value, expression, connection):
        if not is_encrypted(value):
            return value  # a legacy clear value not yet migrated, or empty
        return decrypt(value, self.context())

    def to_python(self, value):
        if is_encrypted(value):
            return decrypt(value, self.context())
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, "") or is_encrypted(value):
            return value
        return encrypt(value, self.context())

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if self.index_kind:
            plain = self.normalise(value or "")
            index = blind_index(self.index_kind, plain)
            setattr(model_instance, self.index_name, index or (None if self.unique_index else ""))
        return value

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if getattr(self, "db_index", False):
            errors.append(checks.Error("加密字段不能建普通索引：请用盲索引列查询。", obj=self, id="sifa.E201"))
        return errors


class EncryptedIdNumberField(EncryptedTextField):
    """居民身份证号码, encrypted, with a blind index for exact search and duplicate checks."""

    index_kind = "id"
    description = "SM4 加密身份证号码"

    def normalise(self, value: str) -> str:
        return identifiers._normalise(value)


class EncryptedMobileField(EncryptedTextField):
    """A mobile (or other phone) number, encrypted, with a blind index."""

    index_kind = "mobile"
    description = "SM4 加密手机号码"

    def normalise(self, value: str) -> str:
        return identifiers._normalise(value).removeprefix("+86")


class BlindExact(Lookup):
    """`field=value` on an indexed encrypted field: compare the blind index column, never the ciphertext."""

    lookup_name = "exact"
    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        field = self.lhs.target
        index_field = field.model._meta.get_field(field.index_name)
        sql, params = compiler.compile(Col(self.lhs.alias, index_field))
        return f"{sql} = %s", [*params, blind_index(field.index_kind, field.normalise(str(self.rhs or "")))]


class Refused(Lookup):
    """Lookups that cannot work on ciphertext fail loudly instead of silently matching nothing."""

    def as_sql(self, compiler, connection):
        raise NotImplementedError(f"加密字段不支持“{self.lookup_name}”查询，请用精确查询（盲索引）。")


for _name in ("contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact", "regex",
              "iregex", "gt", "gte", "lt", "lte", "range"):
    EncryptedTextField.register_lookup(type(f"Refused_{_name}", (Refused,), {"lookup_name": _name}))
EncryptedIdNumberField.register_lookup(BlindExact)
EncryptedMobileField.register_lookup(BlindExact)


def encrypted_fields(model) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


# --- start-up warning -------------------------------------------------------------------------------------------

@checks.register(checks.Tags.security, deploy=True)
def check_data_key(app_configs, **kwargs):
    if on_development_key() and not settings.DEBUG:
        return [checks.Warning(
            "个人信息加密使用的是开发用默认密钥（SIFA_DATA_KEYS / SIFA_DATA_KEY_FILE 与 SIFA_INDEX_KEY 未设置）。",
            hint="生产环境请在数据库之外保存密钥（环境变量或权限为 0400 的密钥文件），见 sifa.core.encrypted。",
            id="sifa.W201")]
    return []


# --- rotation and encrypting existing rows ------------------------------------------------------------------------

def reencrypt_model(model, *, only_stale: bool = True) -> int:
    """Write every encrypted field of every row of `model` again under the current key (rows still in clear
    text — before the data migration — or under an older key); returns the rows written. Works on a migration's
    historical model too (its fields are the same classes). The stored form is read with SQL, the clear value
    through the field."""
    from django.db import connections, router

    fields = encrypted_fields(model)
    if not fields:
        return 0
    current, written = current_key_id(), 0
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(model._meta.pk.column)}, {', '.join(quote(f.column) for f in fields)} "
                       f"FROM {quote(model._meta.db_table)}")
        rows = cursor.fetchall()
    update = [f.name for f in fields] + [f.index_name for f in fields if f.index_kind]
    for pk, *stored in rows:
        if only_stale and all(not v or key_id_of(v) == current for v in stored):
            continue
        obj = model._base_manager.get(pk=pk)  # from_db_value: clear text, whether stored clear or encrypted
        obj.save(update_fields=update)
        written += 1
    return written


def encrypt_existing(apps, schema_editor, models_: list[str]) -> None:
    """For a data migration: `RunPython(lambda a, s: encrypt_existing(a, s, ["corrections.Subject"]))`."""
    for label in models_:
        reencrypt_model(apps.get_model(label))
