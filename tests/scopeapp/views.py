"""Pages of the test line: thin, and every record is reached through the scope helpers."""

from django import forms
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from sifa.api.scope import get_scoped_or_404, require_capability, scoped

from . import actions
from .models import Memo


class MemoForm(forms.Form):
    title = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(label="内容", required=False, widget=forms.Textarea)


def memo_list(request):
    memos = scoped(request, Memo).order_by("-id")[:100]
    return JsonResponse({"items": [{"id": m.pk, "uuid": str(m.uuid), "title": m.title} for m in memos]})


def memo_detail(request, pk):
    memo = get_scoped_or_404(request, Memo, pk)
    return HttpResponse(f"<h1>{memo.title}</h1><p>{memo.body}</p>")


def memo_by_uuid(request, uuid):
    memo = get_scoped_or_404(request, Memo, uuid, field="uuid")
    return HttpResponse(f"<h1>{memo.title}</h1>")


@require_http_methods(["GET", "POST"])
def memo_edit(request, pk):
    memo = get_scoped_or_404(request, Memo, pk)
    form = MemoForm(request.POST or None, initial={"title": memo.title, "body": memo.body})
    if request.method == "POST":
        require_capability(request, "write_records")
        if form.is_valid():
            actions.update_memo(request.user, memo, **form.cleaned_data)
            return redirect("scopeapp:detail", pk=memo.pk)
    return HttpResponse(form.as_p())


@require_POST
def memo_delete(request, pk):
    memo = get_scoped_or_404(request, Memo, pk)
    require_capability(request, "write_records")
    actions.delete_memo(request.user, memo)
    return redirect("scopeapp:list")
