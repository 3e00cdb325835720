from django import forms

from .actions import MAX_TOKEN_DAYS

LIFETIMES = [(30, "30天"), (90, "90天"), (180, "180天"), (MAX_TOKEN_DAYS, f"{MAX_TOKEN_DAYS}天")]


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100, help_text="如“统计报表系统对接”，便于日后辨认和吊销。")
    days = forms.TypedChoiceField(label="有效期", choices=LIFETIMES, coerce=int, initial=90)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("请填写令牌用途。")
        return name
