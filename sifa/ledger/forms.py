from django import forms

from sifa.core import scanning
from sifa.core.access import orgs_within_reach
from sifa.core.models import OrgUnit

from . import limits


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "　" * max(obj.depth - 1, 0) + obj.name


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel文件（.xlsx）", error_messages={"required": "请选择要上传的Excel文件。"})
    org = OrgChoiceField(label="导入到机构", queryset=OrgUnit.objects.none(), to_field_name="code",
                         error_messages={"required": "请选择导入到哪个机构。",
                                         "invalid_choice": "所选机构不存在或不在您的管理范围内。"})
    dry_run = forms.BooleanField(label="仅校验，不写入（试导入）", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_within_reach(user).filter(active=True)
        self.fields["org"].initial = getattr(user, "org", None)
        self.fields["file"].widget.attrs["accept"] = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        cap = limits.max_upload_bytes()
        if upload.size > cap:
            raise forms.ValidationError(f"文件大小为{upload.size / 1048576:.1f}MB，超过上限{cap / 1048576:.0f}MB；"
                                        "请分成几个文件导入。")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("只能上传.xlsx格式的Excel文件（旧版.xls请先另存为.xlsx）。")
        scanning.ensure_clean(upload)   # "文件未通过安全检查：…" (SECURITY.md F3)
        return upload
