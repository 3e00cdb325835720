"""智选律师 on the public portal (phone-first): the directory of practising lawyers and firms, each lawyer's page
(reached by their QR code), the published 评价办法, and a citizen's rating of a service they really received
(signed in by mobile and one-time code through the portal's own sign-in)."""

from __future__ import annotations

import io

import segno
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from sifa.legalaid.models import LicenceStatus
from sifa.portal.citizens import citizen_required, portal_view
from sifa.portal.pages import render_page

from . import actions, credit
from .models import PUBLIC_SANCTIONS, Area, Category, Firm, Lawyer, RatedService

PAGE_SIZE = 30


def _practising():
    return Lawyer.objects.filter(ended_on__isnull=True, provider__licence_status=LicenceStatus.ACTIVE)


@portal_view
@require_safe
def directory(request):
    q = (request.GET.get("q") or "").strip()[:30]
    area = request.GET.get("area") or ""
    lawyers = _practising().select_related("provider__service_org").exclude(category=Category.LEGAL_WORKER)
    if q:
        lawyers = lawyers.filter(Q(provider__name__contains=q) | Q(provider__service_org__name__contains=q))
    if area in Area.values:
        lawyers = lawyers.filter(areas__contains=area)
    lawyers = list(lawyers.order_by("provider__name")[:PAGE_SIZE])
    today = timezone.localdate()
    rows = [{"lawyer": x, "years": credit.years_in_practice(x, today), "score": credit.score(x, today)}
            for x in lawyers]
    firms = Firm.objects.select_related("service_org").order_by("service_org__name")
    return render_page(request, "lawyers/portal_directory.html",
                       {"rows": rows, "q": q, "area": area, "areas": Area.choices, "firms": firms})


def _lawyer(code: str) -> Lawyer:
    found = Lawyer.objects.select_related("provider__service_org").filter(code=code).first()
    if found is None:
        raise Http404("未找到该律师。")
    return found


@portal_view
@require_safe
def lawyer(request, code):
    x = _lawyer(code)
    today = timezone.localdate()
    context = {"lawyer": x, "practising": x.practising}
    if x.practising:
        context |= {
            "years": credit.years_in_practice(x, today), "record": credit.public_record(x),
            "score": credit.score(x, today),
            "sanctions": x.complaints.filter(outcome__in=[str(o) for o in PUBLIC_SANCTIONS]).order_by("-closed_on"),
            "honours": x.honours.all()[:10], "ratings": x.ratings.exclude(comment="")[:10],
        }
    return render_page(request, "lawyers/portal_lawyer.html", context)


@portal_view
@require_safe
def qr(request, code):
    """The lawyer's personal code (律师个人码), drawn here with segno: it opens their page."""
    x = _lawyer(code)
    out = io.BytesIO()
    segno.make(request.build_absolute_uri(reverse("lawyers_portal:lawyer", args=[x.code])), error="m").save(
        out, kind="svg", scale=6, border=2, title=f"{x.name}的律师码")
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@portal_view
@require_safe
def firm(request, code):
    """A firm's public page, by its 统一社会信用代码 (public, and not a guessable record number)."""
    f = Firm.objects.select_related("service_org").filter(service_org__credit_code=code).first()
    if f is None:
        raise Http404("未找到该机构。")
    members = _practising().filter(provider__service_org=f.service_org).select_related("provider")
    return render_page(request, "lawyers/portal_firm.html", {"firm": f, "members": members})


@portal_view
@require_safe
def method(request):
    today = timezone.localdate()
    return render_page(request, "lawyers/portal_method.html",
                       {"methods": list(reversed(credit.METHODS)), "current": credit.method_on(today)})


class RatingForm(forms.Form):
    service = forms.ChoiceField(label="评价的服务", widget=forms.RadioSelect)
    score = forms.TypedChoiceField(label="评分", coerce=int, widget=forms.RadioSelect,
                                   choices=[(5, "★★★★★ 非常满意"), (4, "★★★★ 满意"), (3, "★★★ 一般"),
                                            (2, "★★ 不满意"), (1, "★ 非常不满意")])
    comment = forms.CharField(label="评价内容（选填）", required=False, max_length=300,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(f"{kind}:{pk}", text) for kind, pk, text in services]


@citizen_required
def rate(request, code):
    x = _lawyer(code)
    if not x.practising:
        return redirect("lawyers_portal:lawyer", code=x.code)
    mobile = request.citizen.mobile
    rated = {(r.service, r.service_id) for r in x.ratings.all()}
    services = [s for s in actions.rateable_services(x, mobile) if (s[0], s[1]) not in rated]
    form = RatingForm(request.POST or None, services=services)
    if request.method == "POST" and form.is_valid():
        kind, _, pk = form.cleaned_data["service"].partition(":")
        try:
            actions.rate(mobile, x, service=kind, service_id=int(pk), score=form.cleaned_data["score"],
                         comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            return render_page(request, "lawyers/portal_rated.html", {"lawyer": x})
    return render_page(request, "lawyers/portal_rate.html", {"lawyer": x, "form": form, "services": services,
                                                             "kinds": RatedService})
