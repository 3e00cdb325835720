"""Edit forms that never carry a clear ID number, mobile number or address (SECURITY.md E2).

An edit form used to put the stored value in the input's `value` attribute, so the page source held the full
身份证号码 or 手机号码 without the break-glass step (`sifa.security.unmask`). A form built on
`MaskedInitialMixin` shows such a value masked ("3413**********1234", "138****1234", "安徽省宿州市****") and,
when the form comes back with the masked text unchanged, cleans the *stored* value: the record keeps what it had
unless the user typed a new value (or emptied the field). A page re-shown with errors shows what was typed.

Which fields: those the form's record declares in `sensitive_fields` (the record is the form's `obj` or
`instance`; a form may also list names in its own `sensitive_fields`) and get an ID, mobile, phone, bank-card or
address mask — names and free text stay editable — plus any text field whose initial value has the shape of an
ID number or a mobile number, or whose name says it holds one (`applicant_id_number`, `party_mobile`).

`StepForm` (core.steps) and the admin console's `ActionForm` include it; any other form with such a field
inherits `SensitiveForm` instead of `forms.Form`. tests/security/test_masking_crawl.py proves no page shows a full
number, and test_sensitive_forms.py that every form with such a field uses the mixin.
"""

from django import forms

from . import masking

SHOWN_MASKED = frozenset({"id", "mobile", "phone", "bank_card", "address"})
NAME_HINTED = frozenset({"id", "mobile"})


def _declared(form) -> tuple[type | None, set[str]]:
    record = getattr(form, "obj", None)
    if record is None:
        record = getattr(form, "instance", None)
    model = type(record) if record is not None else None
    names = set(getattr(form, "sensitive_fields", ()) or ()) | set(getattr(model, "sensitive_fields", ()) or ())
    return model, names


def sensitive_kind(form, name: str, value) -> str | None:
    """The mask a field's initial value is shown with, or None when it is shown as it is."""
    if not isinstance(value, str) or not value.strip():
        return None
    field = form.fields.get(name)
    if field is None or not isinstance(field, forms.CharField):
        return None
    model, declared = _declared(form)
    if name in declared:
        kind = masking.mask_kind(model, name, value)
        return kind if kind in SHOWN_MASKED else None
    text = value.strip()
    if masking._ID_SHAPE.match(text):
        return "id"
    if masking._MOBILE_SHAPE.match(text):
        return "mobile"
    kind = masking.mask_kind(None, name, "")
    return kind if kind in NAME_HINTED else None


def masked_initial(form, name: str, value):
    kind = sensitive_kind(form, name, value)
    return masking.MASKS[kind](value) if kind else value


class MaskedInitialMixin:
    """Show sensitive initial values masked; a masked value sent back unchanged means "keep the stored one"."""

    def stored_initial(self, name: str):
        """The clear initial value of a field (for the form's own code; never rendered)."""
        return super().get_initial_for_field(self.fields[name], name)

    def get_initial_for_field(self, field, field_name):
        return masked_initial(self, field_name, super().get_initial_for_field(field, field_name))

    def full_clean(self):
        if not self.is_bound:
            return super().full_clean()
        shown = self.data
        self.data = self._with_stored_values(shown)
        try:
            super().full_clean()
        finally:
            self.data = shown  # a page re-shown with errors shows what was sent, never the stored value

    def _with_stored_values(self, data):
        kept = None
        for name in self.fields:
            stored = self.stored_initial(name)
            kind = sensitive_kind(self, name, stored)
            if not kind:
                continue
            key = self.add_prefix(name)
            sent = data.get(key)
            if isinstance(sent, str) and sent.strip() == masking.MASKS[kind](stored):
                if kept is None:
                    kept = data.copy()
                kept[key] = stored
        return data if kept is None else kept


class SensitiveForm(MaskedInitialMixin, forms.Form):
    """A plain form with a sensitive field: inherit this instead of forms.Form."""
