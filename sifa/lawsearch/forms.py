from django import forms


class QAForm(forms.Form):
    question = forms.CharField(label="问题", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text="用群众的话写；姓名、电话、身份证号等个人信息须删去。")
    answer = forms.CharField(label="解答", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    articles = forms.CharField(label="依据条文", max_length=1000,
                               help_text="条文编号，用逗号或空格分隔，如：劳动合同法第三十条，民法典第五百七十七条")
    source = forms.CharField(label="来源", max_length=100, required=False, help_text="如：法律援助咨询（已脱敏）")

    def article_ids(self) -> list[str]:
        return [part for part in self.cleaned_data["articles"].replace("，", ",").replace("、", ",")
                .replace(" ", ",").split(",") if part]
