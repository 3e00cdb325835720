"""Edit forms show sensitive values masked and keep the stored value unless a new one is typed
(sifa.core.sensitive_forms, SECURITY.md E2)."""

import importlib
import pkgutil

from django import forms

import sifa
from sifa.core.sensitive_forms import MaskedInitialMixin, SensitiveForm
from sifa.core.steps import StepForm

ID = "341321199001011234"
MOBILE = "13912345678"


class Person:
    sensitive_fields = ("id_number", "mobile", "address", "crime")

    def __init__(self):
        self.name, self.id_number, self.mobile = "张小三", ID, MOBILE
        self.address, self.crime = "安徽省宿州市砀山县砀城镇人民路1号", "盗窃罪"


class EditForm(StepForm):
    name = forms.CharField()
    id_number = forms.CharField(required=False)
    mobile = forms.CharField(required=False)
    address = forms.CharField(required=False)
    crime = forms.CharField(required=False)

    def setup(self):
        for name in self.fields:
            self.fields[name].initial = getattr(self.obj, name)


def test_the_edit_page_shows_masked_values_and_free_text_as_it_is():
    html = EditForm(obj=Person()).as_p()
    assert ID not in html and MOBILE not in html and "人民路1号" not in html
    assert 'value="3413**********1234"' in html and 'value="139****5678"' in html
    assert 'value="安徽省宿州市****"' in html
    assert 'value="张小三"' in html and 'value="盗窃罪"' in html  # names and free text stay editable


def test_a_masked_value_sent_back_keeps_the_stored_one_and_a_typed_one_replaces_it():
    data = {"name": "张小三", "id_number": "3413**********1234", "mobile": "13700001111",
            "address": "安徽省宿州市****", "crime": "盗窃罪"}
    form = EditForm(data, obj=Person())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_number"] == ID
    assert form.cleaned_data["address"] == "安徽省宿州市砀山县砀城镇人民路1号"
    assert form.cleaned_data["mobile"] == "13700001111"
    assert form.changed_data == ["mobile"]


def test_an_emptied_field_is_cleared_and_a_re_shown_form_never_carries_the_stored_value():
    form = EditForm({"name": "", "id_number": "3413**********1234", "mobile": ""}, obj=Person())
    assert not form.is_valid()
    assert form.cleaned_data["mobile"] == ""
    assert ID not in form.as_p()


def test_shapes_and_names_are_masked_without_a_declaration():
    class Referral(SensitiveForm):
        applicant_mobile = forms.CharField()
        contact = forms.CharField()
        note = forms.CharField()

    form = Referral(initial={"applicant_mobile": "13800001234", "contact": ID, "note": "电话另告"})
    html = form.as_p()
    assert "13800001234" not in html and ID not in html and "电话另告" in html
    bound = Referral({"applicant_mobile": "138****1234", "contact": "3413**********1234", "note": "x"},
                     initial=form.initial)
    assert bound.is_valid() and bound.cleaned_data["contact"] == ID


SENSITIVE_NAMES = ("id_number", "id_no", "mobile", "applicant_id")
PUBLIC_FORMS = {
    # the citizen types their own number on the portal; nothing stored is put back in these forms
    "sifa.portal.forms.MobileForm", "sifa.portal.forms.CodeForm", "sifa.portal.forms.LookupForm",
}


def _form_classes():
    for info in pkgutil.walk_packages(sifa.__path__, "sifa."):
        if info.name.rsplit(".", 1)[-1].endswith("forms") or info.name.endswith(".forms"):
            importlib.import_module(info.name)

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return {c for c in walk(forms.Form) if c.__module__.startswith("sifa.")}


def test_every_form_with_an_id_number_or_mobile_field_masks_what_it_shows():
    missing = sorted(f"{c.__module__}.{c.__qualname__}" for c in _form_classes()
                     if any(hint in name for name in c.base_fields for hint in SENSITIVE_NAMES)
                     and not issubclass(c, MaskedInitialMixin)
                     and f"{c.__module__}.{c.__qualname__}" not in PUBLIC_FORMS)
    assert not missing, ("这些表单含身份证号码或手机号码字段，却未继承 sifa.core.sensitive_forms.SensitiveForm"
                         "（或 StepForm），编辑时会在页面中带出完整号码：" + "、".join(missing))
