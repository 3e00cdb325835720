"""Masking of personal information in pages, exports and audit snapshots (SECURITY.md E2).

Pure functions, no database: `mask_id("341321199001011234") == "3413**********1234"`. Which mask a sensitive
field gets is decided once per model: `sensitive_masks = {"field": "id"}` on the model wins, otherwise the
field name, otherwise the shape of the value (see `mask_kind`). Revealing a clear value is the break-glass
path in `sifa.security.unmask`, never done here.
"""

import re

STAR = "*"
HIDDEN_TEXT = "（已隐藏）"


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _keep_ends(text: str, head: int, tail: int) -> str:
    """Keep `head` leading and `tail` trailing characters; a value too short to keep anything is all stars."""
    if len(text) <= head + tail:
        return STAR * len(text)
    return text[:head] + STAR * (len(text) - head - tail) + text[len(text) - tail:]


def mask_id(value) -> str:
    """居民身份证号码: the first 4 (province + city) and last 4 characters stay."""
    return _keep_ends(_text(value).upper(), 4, 4)


def mask_mobile(value) -> str:
    """Mobile number: "138****1234"."""
    digits = re.sub(r"[\s\-]", "", _text(value))
    return _keep_ends(digits, 3, 4)


def mask_phone(value) -> str:
    """Any phone number: the last 4 digits stay ("0557-8021234" → "********1234")."""
    text = re.sub(r"\s", "", _text(value))
    return _keep_ends(text, 0, 4)


def mask_name(value) -> str:
    """Person name: "张三" → "张*", "张小三" → "张*三", "欧阳小明" → "欧**明"."""
    text = _text(value)
    if len(text) <= 1:
        return text
    if len(text) == 2:
        return text[0] + STAR
    return text[0] + STAR * (len(text) - 2) + text[-1]


def mask_bank_card(value) -> str:
    """Bank card / account number: the last 4 digits stay, spaces dropped."""
    digits = re.sub(r"[\s\-]", "", _text(value))
    return _keep_ends(digits, 0, 4)


def mask_address(value) -> str:
    """Address: the first 6 characters (usually province/city/county) stay."""
    text = _text(value)
    return text[:6] + STAR * 4 if len(text) > 6 else STAR * len(text)


def mask_text(value) -> str:
    """Free text (psych assessment, judgement text, location track): nothing of it is shown."""
    return HIDDEN_TEXT if _text(value) else ""


MASKS = {
    "id": mask_id,
    "mobile": mask_mobile,
    "phone": mask_phone,
    "name": mask_name,
    "bank_card": mask_bank_card,
    "address": mask_address,
    "text": mask_text,
}

_NAME_HINTS = (
    ("id", ("id_number", "id_no", "resident_id", "idcard", "id_card", "identity", "certificate_number", "cert_no")),
    ("mobile", ("mobile", "cellphone")),
    ("phone", ("phone", "tel")),
    ("bank_card", ("bank", "card_no", "account_no")),
    ("name", ("name",)),
    ("address", ("address", "addr", "residence", "domicile")),
)
_ID_SHAPE = re.compile(r"^\d{17}[\dXx]$|^\d{15}$")
_MOBILE_SHAPE = re.compile(r"^1[3-9]\d{9}$")
_CARD_SHAPE = re.compile(r"^\d{12,19}$")


def mask_kind(model, field_name: str, value=None) -> str:
    """Which mask a field gets: the model's `sensitive_masks`, then the field name, then the value's shape."""
    declared = getattr(model, "sensitive_masks", None) or {}
    if field_name in declared:
        return declared[field_name]
    lowered = field_name.lower()
    for kind, hints in _NAME_HINTS:
        if any(h in lowered for h in hints):
            return kind
    text = _text(value)
    if _ID_SHAPE.match(text):
        return "id"
    if _MOBILE_SHAPE.match(text):
        return "mobile"
    if _CARD_SHAPE.match(text):
        return "bank_card"
    return "text"


def mask_value(model, field_name: str, value) -> str:
    if value is None or value == "":
        return ""
    return MASKS[mask_kind(model, field_name, value)](value)


def mask_auto(value) -> str:
    """Mask by the value's shape alone (for templates that do not know the field)."""
    return mask_value(None, "", value)


def masked_snapshot(obj, fields) -> dict:
    """A {field: value-as-text} dict for audit before/after snapshots, with the model's sensitive fields masked,
    so an audit row never carries a clear ID number or phone number."""
    sensitive = set(getattr(type(obj), "sensitive_fields", ()) or ())
    out = {}
    for name in fields:
        value = getattr(obj, name)
        if value is None:
            out[name] = None
        elif name in sensitive:
            out[name] = mask_value(type(obj), name, value)
        else:
            out[name] = str(value)
    return out
