"""Free text is cleaned on save with nh3 (SECURITY.md F2), not only escaped on output.

Agreement terms, opinions, notes, reasons: whatever a person typed into a record is later rendered in pages,
written into .docx documents and .xlsx exports, sent in notifications and returned by the API — places that do
not all escape HTML. So markup never reaches the database: on every save of a record, each text field of the
model (`CharField`/`TextField` without choices) goes through nh3 with an allow-list of **no** tags — a
`<script>` or `<style>` element is dropped with its content, any other tag (`<img onerror=…>`, `<svg onload>`,
`<a href="javascript:…">`) is dropped and its text kept — and the result is stored as plain text again
(entities unescaped, repeated until stable, so an encoded `&lt;script&gt;` cannot come back as a tag). Text
without "<" or "&" is untouched, and so is ordinary text that holds them ("a < b & c", "<<民法典>>").

One mechanism for every line: a `pre_save` receiver (connected in core.apps) for every model of the product's
apps, so a new line's records are cleaned by being models of a `sifa.<line>` app. A model opts out by declaring
`free_text_cleaning = False` (`EXCLUDED_MODELS`: the append-only audit rows, whose chain hashes what was
written, password and token hashes; `EXCLUDED_APPS`: the security app's own rows); a model may list `free_text_fields` to clean only those. `QuerySet.update()` and `bulk_create` bypass
signals: the actions, the only writers, save records one by one.
"""

from __future__ import annotations

import html

import nh3
from django.db import models

ALLOWED_TAGS: set[str] = set()  # plain text: no markup is kept
EXCLUDED_APPS = frozenset({"security"})
EXCLUDED_MODELS = frozenset({"core.auditevent", "core.auditchainhead", "core.auditseal", "core.passwordhistory",
                             "core.apitoken"})
_fields_cache: dict[type, tuple[str, ...]] = {}


def clean_text(value):
    """The plain text of `value` with every tag removed (script/style with their content)."""
    if not isinstance(value, str) or ("<" not in value and "&" not in value):
        return value
    text = value
    for _ in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=ALLOWED_TAGS))
        if cleaned == text:
            break
        text = cleaned
    return text


def text_fields(model) -> tuple[str, ...]:
    """The attribute names cleaned on save for `model` (cached per model)."""
    if model not in _fields_cache:
        declared = getattr(model, "free_text_fields", None)
        if getattr(model, "free_text_cleaning", True) is False or model._meta.app_label in EXCLUDED_APPS \
                or model._meta.label_lower in EXCLUDED_MODELS \
                or not model.__module__.startswith("sifa."):
            names = ()
        else:
            names = tuple(f.attname for f in model._meta.concrete_fields
                          if isinstance(f, models.CharField | models.TextField) and not f.choices
                          and (declared is None or f.name in declared))
        _fields_cache[model] = names
    return _fields_cache[model]


def clean_instance(sender, instance, raw=False, **kwargs) -> None:
    """pre_save receiver: clean the model's text fields in place (not for fixtures loaded raw)."""
    if raw:
        return
    for name in text_fields(sender):
        value = getattr(instance, name)
        cleaned = clean_text(value)
        if cleaned is not value:
            setattr(instance, name, cleaned)
