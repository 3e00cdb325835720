"""法搜 pages: the public search and article pages (portal, phone-first) and the staff search.

Thin: read the form, call the search and the corpus queries, render. Every search is logged for the
indicators (channel, whether anything was found), never with who asked beyond the staff member's unit.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from sifa.portal.citizens import portal_view
from sifa.portal.pages import render_page

from . import actions, queries
from .forms import QAForm
from .models import Channel, LawStatus, Level
from .presentation import highlighted_passage, services_for
from .retrieval.qa import search_qa
from .retrieval.search import Filters, search

LEVEL_CHOICES = [Level.CONSTITUTION, Level.LAW, Level.ADMINISTRATIVE, Level.JUDICIAL, Level.DEPARTMENTAL, Level.LOCAL]


def _filters(params) -> tuple[Filters, list[str]]:
    errors = []
    levels = {v for v in params.getlist("level") if v in Level.values}
    statuses = {v for v in params.getlist("status") if v in LawStatus.values}
    in_force = None
    if params.get("in_force"):
        try:
            in_force = date.fromisoformat(params["in_force"])
        except ValueError:
            errors.append("“有效日期”应为 年-月-日，例如 2024-01-01。")
    return Filters(levels, statuses, in_force), errors


def _search_context(request, channel: str) -> dict:
    query = request.GET.get("q", "")
    filters, errors = _filters(request.GET)
    context = {"q": query, "errors": errors, "levels": LEVEL_CHOICES, "statuses": LawStatus.values,
               "chosen_levels": filters.levels, "chosen_statuses": filters.statuses,
               "in_force": request.GET.get("in_force", "")}
    if "q" not in request.GET or errors:
        return context
    result = search(query, top=10, filters=filters)
    actions.log_search(result, channel, user=request.user if channel == Channel.STAFF else None)
    terms = result.terms
    context.update(result=result, hits=[
        {"doc": hit.doc, "passage": highlighted_passage(hit.doc.text, terms)} for hit in result.hits
    ], services=services_for(query, [hit.doc.law for hit in result.hits[:3]]),
        answers=search_qa(query) if result.kind == "question" else [])
    return context


@portal_view
def portal_search(request):
    return render_page(request, "lawsearch/portal_search.html", _search_context(request, Channel.PORTAL))


@portal_view
def portal_article(request, cite: str):
    context = queries.article_context(cite)
    if context is None:
        raise Http404("没有这一条。")
    context["services"] = services_for(context["doc"].text, [context["doc"].law])
    return render_page(request, "lawsearch/portal_article.html", context)


def staff_search(request):
    return render(request, "lawsearch/staff_search.html", _search_context(request, Channel.STAFF))


def publish_qa(request):
    """Staff turn an answered consultation (personal data removed) into a public Q&A entry."""
    form = QAForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = actions.publish_qa(request.user, question=form.cleaned_data["question"],
                                       answer=form.cleaned_data["answer"], article_ids=form.article_ids(),
                                       source=form.cleaned_data["source"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"已发布问答“{entry.question[:30]}”。")
            return redirect(reverse("lawsearch:search") + "?q=" + entry.question[:100])
    return render(request, "core/form_page.html", {
        "form": form, "title": "发布法律问答", "button": "发布",
        "intro": "把已答复的咨询整理成问答，发布后群众在“查法条”中检索到。发布前须删去个人信息。"})
