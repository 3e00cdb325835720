"""Workflow steps on a record's detail page, shared by the business lines' staff pages.

A detail view lists the steps a record offers in its current state; each step is a small form whose `call`
runs one action. A record with a workflow names its table (`workflow = WORKFLOW`, core.workflow): the buttons
are then the table's steps offered in the record's state, with their titles, forms and messages — the view
lists no steps itself. The action's ValidationError goes back onto the form (status 400, the form shown open with
its reason), PermissionDenied likewise; success redirects to the record with a message. Views stay thin:

    class CaseDetail(StepDetailView):
        model = Application
        workflow = WORKFLOW                      # legalaid/workflow.py
        step_url_name = "legalaid:application_step"

A record without states (a price list's 修改) lists its steps by hand:

        steps = {"edit": Step("修改", EditForm, "已保存。")}
        def available_steps(self, obj):
            return ["edit"]

    class DecideForm(StepForm):
        decision = forms.ChoiceField(...)
        def call(self, data):
            return actions.decide(self.user, self.obj, **data)
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone

from .listing import RecordDetailView, RecordListView
from .roles import has_capability
from .sensitive_forms import MaskedInitialMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, required: bool = True, today: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(),
                           initial=timezone.localdate if today else None)


def text_area(label: str, required: bool = True, rows: int = 3, max_length: int = 2000) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs={"rows": rows}))


def with_blank(choices, label: str = "请选择") -> list:
    return [("", label), *list(choices)]


class StepForm(MaskedInitialMixin, forms.Form):
    """A step's form: knows the acting user and the record; `call(data)` runs the action. Sensitive initial
    values are shown masked and kept unless retyped (core.sensitive_forms)."""

    def __init__(self, *args, user=None, obj=None, **kwargs):
        self.user, self.obj = user, obj
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self) -> None:
        pass

    def call(self, data):
        raise NotImplementedError


@dataclass(frozen=True)
class Step:
    title: str
    form_class: type
    done: str


def put_errors(form, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for message in exc.messages:
            form.add_error(None, message)
    else:
        form.add_error(None, str(exc) or "您无权办理此事项。")


class WritableListView(RecordListView):
    """A record list whose page offers 新建/导入 to the users who may write: `can_write` in its context."""

    write_capability = "write_records"

    def extra_context(self, request):
        return {"can_write": has_capability(request.user, self.write_capability)}


class StepDetailView(RecordDetailView):
    workflow = None  # a core.workflow.Workflow: the steps come from its table
    steps: dict[str, Step] = {}
    step_url_name = ""
    write_capability = "write_records"
    bound = None  # (step, bound form) when a step's form comes back with errors

    def available_steps(self, obj) -> list[str]:
        if self.workflow is not None:
            return self.workflow.step_names(obj, self.request.user)
        return []

    def step_spec(self, name: str) -> Step | None:
        """The title, form and message of step `name` (None when there is no such step)."""
        if self.workflow is not None and name in self.workflow.by_name:
            step = self.workflow.by_name[name]
            return Step(step.title, step.form_class, step.done)
        return self.steps.get(name)

    def step_forms(self, request, obj) -> list[dict]:
        if not has_capability(request.user, self.write_capability):
            return []
        names = self.available_steps(obj)
        if self.bound is not None and self.bound[0] not in names:
            names = [self.bound[0], *names]
        out = []
        for name in names:
            step = self.step_spec(name)
            form = self.bound[1] if self.bound is not None and self.bound[0] == name else None
            out.append({"step": name, "title": step.title, "open": form is not None,
                        "form": form or step.form_class(user=request.user, obj=obj)})
        return out

    def extra_context(self, request, obj):
        return {"step_forms": self.step_forms(request, obj), "step_url_name": self.step_url_name,
                "can_write": has_capability(request.user, self.write_capability)}

    def get(self, request, *args, **kwargs):
        if kwargs.get("step"):
            return redirect(request.path.rsplit("/", 2)[0] + "/")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, step=None, **kwargs):
        if step is None:
            return HttpResponseNotAllowed(["GET"])
        self.check_capability(request)
        if not has_capability(request.user, self.write_capability):
            raise PermissionDenied("您的角色不能办理此业务。")
        spec = self.step_spec(step)
        if spec is None:
            raise Http404("没有这个办理步骤。")
        obj = self.get_object(request)
        form = spec.form_class(request.POST, request.FILES, user=request.user, obj=obj)
        if form.is_valid():
            try:
                form.call(form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                put_errors(form, exc)
            else:
                messages.success(request, spec.done)
                return redirect(request.path.rsplit("/", 2)[0] + "/")
        self.bound = (step, form)
        response = super().get(request, *args, **kwargs)
        response.status_code = 400
        return response


def form_page(request, form, handler, *, title: str, back: str = "", success: str = "已保存。", intro: str = "",
              button: str = ""):
    """A plain create/edit page: GET shows `form`; a valid POST runs `handler(cleaned_data)` (an action), which
    returns the URL to go to; the action's refusal is shown on the form with status 400."""
    from django.shortcuts import render

    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                url = handler(form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                put_errors(form, exc)
            else:
                messages.success(request, success)
                return redirect(url)
        status = 400
    return render(request, "core/form_page.html", {"form": form, "title": title, "back": back, "intro": intro,
                                                   "button": button}, status=status)
