"""Forms of the legality pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.steps import StepForm, date_field, text_area, with_blank
from sifa.reconsideration.models import Agency

from . import actions
from .models import Adoption, CompetitionConclusion, DocKind, FilingConclusion, ItemType, Opinion, Validity

DRAFT_HELP = "送审稿（.docx、.pdf或.txt；Word修订按接受修订后的文本读取，扫描件PDF需带文字层）"


def _read(upload) -> tuple[str, bytes]:
    return upload.name, upload.read()


class SubmitForm(forms.Form):
    title = forms.CharField(label="送审事项名称", max_length=200)
    item_type = forms.ChoiceField(label="类型", choices=with_blank(ItemType.choices))
    agency = forms.ModelChoiceField(label="送审机关（县直部门；乡镇送审不选）", queryset=Agency.objects.none(),
                                    required=False)
    submitted_on = date_field("送审日期")
    basis = text_area("制定依据", required=False)
    drafting_notes = text_area("起草说明", required=False)
    comment_done = forms.BooleanField(label="已征求意见", required=False)
    expert_done = forms.BooleanField(label="已专家论证", required=False)
    risk_done = forms.BooleanField(label="已风险评估", required=False)
    draft = forms.FileField(label=DRAFT_HELP, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = Agency.objects.for_user(user).filter(active=True).order_by("name")

    def call(self):
        data = dict(self.cleaned_data)
        upload = data.pop("draft")
        item = actions.submit(self.user, org=self.user.org, **data)
        if upload:
            name, content = _read(upload)
            actions.add_draft(self.user, item, file_name=name, data=content)
        return item


class AcceptForm(StepForm):
    received_on = date_field("受理日期")
    reviewer_name = forms.CharField(label="审查人", max_length=50, required=False)

    def call(self, data):
        return actions.accept(self.user, self.obj, **data)


class ReturnForm(StepForm):
    returned_on = date_field("退回日期")
    reason = text_area("退回理由")

    def call(self, data):
        return actions.return_item(self.user, self.obj, **data)


class DraftForm(StepForm):
    file = forms.FileField(label=DRAFT_HELP)

    def call(self, data):
        name, content = _read(data["file"])
        return actions.add_draft(self.user, self.obj, file_name=name, data=content)


class SupplementForm(StepForm):
    requested_on = date_field("通知日期")
    items = text_area("需补充的材料")

    def call(self, data):
        return actions.request_supplement(self.user, self.obj, **data)


class SuppliedForm(StepForm):
    received_on = date_field("收到补充材料日期")

    def call(self, data):
        return actions.receive_supplement(self.user, self.obj, **data)


class AdviserForm(StepForm):
    adviser_name = forms.CharField(label="法律顾问", max_length=50)
    opinion = text_area("法律顾问意见")

    def call(self, data):
        return actions.record_adviser(self.user, self.obj, **data)


class MajorStepForm(StepForm):
    step = forms.ChoiceField(label="环节", choices=list(actions.MAJOR_STEPS.items()))
    on = date_field("日期（公众参与为开始日期）")
    until = date_field("公众参与截止日期", required=False)
    result = forms.CharField(label="集体讨论结果", max_length=200, required=False)

    def call(self, data):
        return actions.record_major_step(self.user, self.obj, **data)


class OpinionForm(StepForm):
    opinion = forms.ChoiceField(label="审查意见", choices=with_blank(Opinion.choices))
    reasons = text_area("意见理由（可在下方模板基础上修改）", rows=10, max_length=20000)
    opinion_on = date_field("意见日期")
    competition = forms.ChoiceField(label="公平竞争审查结论", choices=CompetitionConclusion.choices, required=False)

    def setup(self):
        if self.obj is not None and not self.is_bound:
            from .documents import reasons_template

            self.initial["reasons"] = reasons_template(self.obj)

    def call(self, data):
        return actions.issue_opinion(self.user, self.obj, **data)


class AdoptionForm(StepForm):
    adoption = forms.ChoiceField(label="采纳情况", choices=with_blank(Adoption.choices))
    adoption_on = date_field("登记日期")
    note = text_area("说明（部分采纳、未采纳的写明理由）", required=False)
    final = forms.FileField(label="最终文本（.docx、.pdf或.txt）", required=False)

    def call(self, data):
        upload = data.pop("final")
        if upload:
            data["final_name"], data["final_data"] = _read(upload)
        return actions.record_adoption(self.user, self.obj, **data)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="文件类别", choices=DocKind.choices)
    title = forms.CharField(label="文件名称", max_length=200)
    issuer = forms.CharField(label="制定机关", max_length=100)
    registration_number = forms.CharField(label="登记号", max_length=60)
    doc_number = forms.CharField(label="文号", max_length=60, required=False)
    published_on = date_field("公布日期")
    valid_until = date_field("有效期至", required=False, today=False)


class FileForm(StepForm):
    filed_on = date_field("报备日期")
    complete = forms.BooleanField(label="报备材料齐全规范", required=False, initial=True)

    def call(self, data):
        return actions.file_document(self.user, self.obj, **data)


class ConcludeForm(StepForm):
    conclusion = forms.ChoiceField(label="备案审查结论", choices=FilingConclusion.choices)
    concluded_on = date_field("备案审查日期")
    note = text_area("纠错意见", required=False)

    def call(self, data):
        return actions.conclude_filing(self.user, self.obj, **data)


class CleanUpForm(StepForm):
    validity = forms.ChoiceField(label="清理结果", choices=Validity.choices)
    cleaned_on = date_field("清理日期")
    note = forms.CharField(label="说明", max_length=200, required=False)

    def call(self, data):
        return actions.clean_up(self.user, self.obj, **data)
