import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sifa.core.models import Population

from .. import access
from ..access import capability_required
from ..forms import PopulationForm


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= default + 1 else default


@require_http_methods(["GET", "POST"])
@capability_required("manage_orgs")
def population(request):
    this_year = datetime.date.today().year
    year = _year(request.GET.get("year"), this_year - 1)
    divisions = list(access.divisions_in_scope(request.user, levels=PopulationForm.LEVELS))
    initial = {"year": year}
    if request.GET.get("division") in {d.code for d in divisions}:
        initial["division"] = request.GET["division"]
    form = PopulationForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        obj = form.submit(request.user)
        if obj is not None:
            messages.success(request, f"已保存{obj.division.name}{obj.year}年常住人口：{obj.residents}人。")
            return redirect(reverse("admin_console:population") + f"?year={obj.year}")
    figures = {p.division_id: p for p in Population.objects.filter(division__in=divisions, year=year)}
    rows = [{"division": d, "figure": figures.get(d.code), "indent": max(0, len(d.code) // 3 - 2)}
            for d in divisions]
    years = sorted(set(Population.objects.filter(division__in=divisions).values_list("year", flat=True))
                   | {year, this_year - 1}, reverse=True)
    return render(request, "admin_console/population.html",
                  {"form": form, "rows": rows, "year": year, "years": years})
