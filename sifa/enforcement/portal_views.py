"""行政执法信息统一公示平台 (seed 002; 《行政处罚法》第39条, 国办发〔2018〕118号): for each published 执法主体 the
事前 information (主体, 人员 with certificate numbers, 职责, 执法事项, 依据, 程序, 自由裁量基准 by matter and tier, 救济)
and the 事后 decisions, searchable. A natural person's name is masked and no identity number is ever shown;
decisions published late are marked."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404

from sifa.core import action_checks as checks
from sifa.portal.citizens import portal_view
from sifa.portal.pages import render_page

from .models import Body, CertKind, CertStatus, Decision

MAX_QUERY = 50


def _bodies():
    return Body.objects.filter(published=True, agency__active=True).select_related("agency")


def _decisions():
    return Decision.objects.filter(body__published=True).select_related("body__agency")


def _page(request, queryset, size=20):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@portal_view
def home(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    decisions = _decisions()
    if query:
        decisions = decisions.filter(Q(number__icontains=query) | Q(title__icontains=query)
                                     | Q(body__agency__name__icontains=query))
    bodies = _bodies().annotate(decision_count=Count("decisions", distinct=True)).order_by("agency__name")
    return render_page(request, "enforcement/portal_home.html", {
        "bodies": bodies, "query": query, "page": _page(request, decisions.order_by("-published_on", "-id"))})


@portal_view
def body(request, pk):
    found = _bodies().filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个执法主体。")
    today = checks.today()
    officers = found.officers.filter(status=CertStatus.VALID, valid_until__gte=today).order_by("cert_kind", "name")
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    decisions = found.decisions.all()
    if query:
        decisions = decisions.filter(Q(number__icontains=query) | Q(title__icontains=query))
    return render_page(request, "enforcement/portal_body.html", {
        "body": found, "officers": officers, "enforcers": CertKind.ENFORCEMENT,
        "bases": found.bases.order_by("category", "matter")[:200], "bases_count": found.bases.count(),
        "benchmarks": found.benchmarks.prefetch_related("items"), "query": query,
        "page": _page(request, decisions.order_by("-published_on", "-id"))})


@portal_view
def decision(request, pk):
    found = _decisions().filter(pk=pk).first()
    if found is None:
        raise Http404("没有这条公示。")
    return render_page(request, "enforcement/portal_decision.html", {"d": found})
