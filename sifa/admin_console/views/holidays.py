"""节假日安排: the years the system knows, and the form a 系统管理员 fills from the State Council's notice."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sifa.core import workdays
from sifa.core.models import HolidaySchedule

from ..access import capability_required
from ..forms import HolidayScheduleForm


def _years(today: datetime.date) -> list[dict]:
    """This year and the next two, plus every stored year: where each year's schedule comes from."""
    stored = {s.year: s for s in HolidaySchedule.objects.select_related("published_by")}
    rows = []
    for year in sorted(set(range(today.year, today.year + 3)) | set(stored)):
        schedule = stored.get(year)
        if workdays.is_bundled(year):
            state = "随系统发布"
        elif schedule is not None or workdays.is_year_published(year):
            state = "已录入"
        else:
            state = "未发布：期限按周一至周五推算"
        rows.append({"year": year, "state": state, "schedule": schedule, "bundled": workdays.is_bundled(year)})
    return rows


@require_http_methods(["GET", "POST"])
@capability_required("manage_config")
def holiday_schedules(request):
    today = datetime.date.today()
    asked = request.GET.get("year", "")
    initial = {"year": int(asked)} if asked.isdigit() and len(asked) == 4 else {}
    stored = HolidaySchedule.objects.filter(year=initial["year"]).first() if initial else None
    if stored is not None:
        initial = {"year": stored.year, "source": stored.source, "holidays_text": "\n".join(stored.holidays),
                   "makeup_text": "\n".join(stored.makeup_workdays)}
    form = HolidayScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        schedule = form.submit(request.user)
        if schedule is not None:
            messages.success(request, f"已保存{schedule.year}年节假日安排：放假{len(schedule.holidays)}天，"
                                      f"调休上班{len(schedule.makeup_workdays)}天。此后的期限按此安排计算。")
            return redirect(reverse("admin_console:holidays"))
    status = 400 if request.method == "POST" else 200
    return render(request, "admin_console/holidays.html", {"form": form, "rows": _years(today)}, status=status)
