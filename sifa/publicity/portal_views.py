"""The public side of 学法考法: a signed-in citizen picks a public question bank and their township, answers
within the time limit on the phone, and sees the score with each answer's law article. An answer sheet after
the limit is refused (the action decides, not the page's clock)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from sifa.core.models import Division
from sifa.core.models.orgs import DivisionLevel
from sifa.portal import ratelimit
from sifa.portal.citizens import citizen_required
from sifa.portal.pages import render_page

from . import actions, quizsheet
from .models import Attempt, QuestionBank, QuizAudience

START_LIMIT = (20, 24 * 60 * 60)  # quizzes started per citizen per day


def _public_banks():
    return QuestionBank.objects.filter(audience=QuizAudience.PUBLIC, active=True).select_related("org")


class StartForm(forms.Form):
    township = forms.ModelChoiceField(label="您所在的乡镇（街道）", queryset=Division.objects.none(),
                                      empty_label="请选择")

    def __init__(self, *args, bank=None, **kwargs):
        super().__init__(*args, **kwargs)
        county = bank.org.division_id[:6]
        self.fields["township"].queryset = Division.objects.filter(level=DivisionLevel.TOWNSHIP,
                                                                   code__startswith=county).order_by("code")


@citizen_required
def quiz_home(request):
    return render_page(request, "publicity/portal_quiz_home.html", {"banks": _public_banks()})


@citizen_required
def quiz_start(request, code):
    bank = _public_banks().filter(code=code).first()
    if bank is None:
        raise Http404("没有这个题库。")
    form = StartForm(request.POST or None, bank=bank)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit("publicity-quiz", request.citizen.digest, *START_LIMIT):
            form.add_error(None, "今天的答题次数已达上限，请明天再来。")
        else:
            try:
                attempt = actions.start_attempt(bank, unit_name=form.cleaned_data["township"].name,
                                                citizen_digest=request.citizen.digest)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
            else:
                return redirect(reverse("publicity_portal:quiz_take", args=[attempt.pk]))
    return render_page(request, "publicity/portal_quiz_start.html", {"bank": bank, "form": form},
                       status=400 if request.method == "POST" else 200)


def _own_attempt(request, pk) -> Attempt:
    attempt = Attempt.objects.select_related("bank").filter(pk=pk, citizen_digest=request.citizen.digest).first()
    if attempt is None:
        raise Http404("未找到该答卷。")
    return attempt


@citizen_required
def quiz_take(request, pk):
    attempt = _own_attempt(request, pk)
    sheet = quizsheet.handle(request, attempt)
    if sheet.done:
        return redirect(reverse("publicity_portal:quiz_take", args=[attempt.pk]))
    return render_page(request, "publicity/portal_quiz.html", sheet.context, status=sheet.status)
