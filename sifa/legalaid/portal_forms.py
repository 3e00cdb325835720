"""Forms of the public pages. They parse input only; the rules (the economic review, the exemptions, the upload
checks) live in actions.py and core.uploads, whose ValidationErrors the views put back on the form."""

from __future__ import annotations

from django import forms

from sifa.core.models import OrgKind, OrgUnit
from sifa.core.sensitive_forms import SensitiveForm

from .models import Category, CivilMatter, Exemption, Satisfaction, Topic

PUBLIC_CATEGORIES = [(c.value, c.label) for c in (Category.CIVIL, Category.LABOUR_ARBITRATION,
                                                  Category.ADMINISTRATIVE, Category.STATE_COMPENSATION,
                                                  Category.CRIMINAL_AGENCY, Category.NON_LITIGATION,
                                                  Category.DOCUMENT)]
APPLY_ORG_KINDS = (OrgKind.LEGAL_AID_CENTER, OrgKind.JUSTICE_OFFICE)
ASK_ORG_KINDS = (OrgKind.LEGAL_AID_CENTER, OrgKind.PLS_CENTER, OrgKind.JUSTICE_OFFICE)


class OrgChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _orgs(kinds):
    return OrgUnit.objects.filter(kind__in=kinds, active=True).order_by("path")


class ApplyForm(SensitiveForm):
    org = OrgChoice(label="向哪里申请", queryset=OrgUnit.objects.none(), empty_label="请选择法律援助中心或司法所")
    category = forms.ChoiceField(label="申请事项类别", choices=[("", "请选择")] + PUBLIC_CATEGORIES)
    civil_matter = forms.ChoiceField(label="属于哪种情形", choices=[("", "请选择")] + list(CivilMatter.choices),
                                     required=False)
    summary = forms.CharField(label="案情简述", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    opposing_party = forms.CharField(label="对方当事人", max_length=100, required=False)
    name = forms.CharField(label="申请人姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=20)
    address = forms.CharField(label="住址", max_length=200, required=False)
    is_migrant_worker = forms.BooleanField(label="我是进城务工人员（农民工）", required=False)
    is_disabled = forms.BooleanField(label="我是残疾人", required=False)
    exemption = forms.ChoiceField(label="是否属于以下情形（可免予经济困难审查）", required=False,
                                  choices=[("", "都不属于，按经济状况审查")] + list(Exemption.choices))
    household_size = forms.IntegerField(label="家庭人口（人）", min_value=1, max_value=50, required=False)
    household_income = forms.DecimalField(label="家庭月收入（元）", min_value=0, max_digits=12, decimal_places=2,
                                          required=False)
    identity = forms.FileField(label="身份证照片或扫描件", required=False)
    economic = forms.FileField(label="经济困难证明或诚信承诺书", required=False)
    evidence = forms.FileField(label="与案件有关的材料", required=False)
    pledge = forms.BooleanField(label="本人承诺所填经济状况真实，如有虚假愿承担法律责任（个人诚信承诺）",
                                error_messages={"required": "请阅读并勾选个人诚信承诺。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = _orgs(APPLY_ORG_KINDS)

    def uploads(self) -> list[tuple[str, object]]:
        return [(kind, self.cleaned_data[kind]) for kind in ("identity", "economic", "evidence")
                if self.cleaned_data.get(kind)]

    def action_fields(self) -> dict:
        d = self.cleaned_data
        return {"org": d["org"], "category": d["category"], "civil_matter": d["civil_matter"], "summary": d["summary"],
                "opposing_party": d["opposing_party"], "is_migrant_worker": d["is_migrant_worker"],
                "is_disabled": d["is_disabled"], "exemption": d["exemption"], "household_size": d["household_size"],
                "household_income": d["household_income"], "review_basis": "pledge",
                "applicant": {"name": d["name"], "id_number": d["id_number"], "address": d["address"]}}

    def payload(self) -> dict:
        data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in self.cleaned_data.items()
                if k not in ("identity", "economic", "evidence")}
        data["files"] = [(kind, f.name, f.size) for kind, f in self.uploads()]
        return data


class AskForm(forms.Form):
    org = OrgChoice(label="请哪个单位答复", queryset=OrgUnit.objects.none(), empty_label="请选择")
    topic = forms.ChoiceField(label="咨询类别", choices=[("", "请选择")] + list(Topic.choices))
    question = forms.CharField(label="您的问题", max_length=2000, widget=forms.Textarea(attrs={"rows": 6}),
                               help_text="请简要说明事情经过和想了解的问题，不要填写身份证号码等个人敏感信息。")
    asker_name = forms.CharField(label="称呼（可不填）", max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = _orgs(ASK_ORG_KINDS)


class SupplementForm(forms.Form):
    kind = forms.ChoiceField(label="材料类型", choices=[("identity", "身份证明"), ("economic", "经济困难证明或诚信承诺书"),
                                                       ("evidence", "与案件有关的材料"), ("other", "其他材料")])
    file = forms.FileField(label="选择文件")


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label="您对本次法律援助的评价", choices=Satisfaction.choices,
                                     widget=forms.RadioSelect)
    note = forms.CharField(label="意见建议", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
