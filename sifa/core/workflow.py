"""A line's workflow, declared once: its states and the steps allowed from each.

Everything that needs to know "what may happen to this record now" reads the one table beside the line's actions
(`<line>/workflow.py`), so the rules cannot drift apart:

* the actions call `WORKFLOW.check(record, "accept", actor)` first — a Chinese ValidationError when the record's
  state does not allow the step, PermissionDenied when the actor's role may not take it;
* the detail page's step buttons (`core.steps.StepDetailView` with `workflow = WORKFLOW`) are the steps
  `available(record, user)` returns, each with its title, form and success message from the table;
* the API lists them with `step_names(record, user)`;
* the record's history shows state values by their labels (`state_label`);
* the home page's 待我决定 counts, for each declared workflow, the records in the user's scope whose state awaits
  a decision the user's role may take (`awaiting_for(user)`).

A complete example (the mediation line's table, shortened)::

    from sifa.core.workflow import Step, Workflow
    from .models import CLOSED_STATUSES, DisputeStatus as S

    WORKFLOW = Workflow(
        model="mediation.Dispute", noun="纠纷", states=S, list_url_name="mediation:dispute_list",
        awaiting={S.PENDING: "write_records"},          # a 待受理 case waits for a business user's 受理/不予受理
        refusals={S.PENDING: "尚未受理", S.DECLINED: "尚未受理"},
        steps=[
            Step("accept", "受理", sources=[S.PENDING], target=S.ACCEPTED, done="已受理。",
                 form="sifa.mediation.forms.AcceptForm", starts="调解结案"),
            Step("decline", "不予受理", sources=[S.PENDING], target=S.DECLINED, done="已作不予受理处理。",
                 form="sifa.mediation.forms.DeclineForm", document="不予受理通知书"),
            Step("close", "结案", sources=[S.ACCEPTED, S.MEDIATING], target=CLOSED_STATUSES, done="已结案。",
                 form="sifa.mediation.forms.CloseForm", stops="调解结案"),
            Step("confirm_apply", "申请司法确认", sources=[S.SUCCEEDED], done="司法确认申请已登记。",
                 form="sifa.mediation.forms.ConfirmationApplyForm",
                 offered=lambda d: d.confirmation_applicable),   # shown only when it can succeed
        ],
    )

    # in actions.py
    @transaction.atomic
    def accept_dispute(actor, dispute, ...):
        dispute = lock(dispute)
        ensure_can_write(actor, dispute.org)
        WORKFLOW.check(dispute, "accept", actor)        # state and role, with the Chinese refusal
        ...

Declaring a Workflow registers it (by `model`); `Workflow.of(record)` finds a record's table. Forms are named by
dotted path (or given as classes) and imported only when a page needs them, so the table imports no views or
forms and actions can import it freely. `offered` is a further condition for *offering* a step (a button); the
action itself still gives the precise reason when such a condition fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .roles import has_capability

_registry: dict[str, Workflow] = {}


@dataclass(frozen=True)
class Step:
    """One step of a workflow.

    name       the step's key (URL part, API and form name): "accept"
    title      its Chinese title, the button's and the refusal's wording: "受理"
    sources    the states it may be taken from
    target     the state it leads to; several when the action chooses (结案: 调解成功/不成/…); None: unchanged
    done       the message shown after the step succeeded on a page
    form       the step form, a class or its dotted path (resolved lazily)
    capability the capability the actor needs (core.roles), and `roles`, when given, the only roles that may
    starts     the deadline (its DeadlineRule's label) the step starts; `stops` the one it ends
    document   the document the step produces (its Chinese name)
    offered    record -> bool: a further condition for offering the step on a page or in the API
    permitted  (record, user) -> bool: who may take it beyond the role, when that depends on the user's unit
               (the county's corrections organ decides, a 司法所 does the daily work); checked like the role
    refusal    the refusal when the state does not allow the step, if the workflow's wording does not fit
               ("该纠纷尚未结案，不能{title}。"; {noun}, {state} and {title} are filled in), or such messages
               by state ({S.PAUSED: "期限中止期间不能出证。", None: "…"}: None for the other states)
    """

    name: str
    title: str
    sources: Iterable[str]
    target: str | Iterable[str] | None = None
    done: str = "已办理。"
    form: str | type | None = None
    capability: str = "write_records"
    roles: Iterable[str] = ()
    starts: str = ""
    stops: str = ""
    document: str = ""
    offered: Callable[[object], bool] | None = None
    refusal: str | dict = ""
    permitted: Callable[[object, object], bool] | None = None

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(str(s) for s in self.sources))
        object.__setattr__(self, "roles", frozenset(str(r) for r in self.roles))
        if self.target is not None and not isinstance(self.target, str):
            object.__setattr__(self, "target", frozenset(str(s) for s in self.target))

    @property
    def targets(self) -> frozenset[str]:
        if self.target is None:
            return frozenset()
        return frozenset([self.target]) if isinstance(self.target, str) else self.target

    @property
    def form_class(self) -> type:
        if self.form is None:
            raise LookupError(f"办理步骤“{self.title}”没有声明表单。")
        return import_string(self.form) if isinstance(self.form, str) else self.form

    def may_take(self, user) -> bool:
        """Whether `user`'s role may take the step (scope is the action's business: ensure_can_write)."""
        if user is None:
            return True
        if self.roles and getattr(user, "role", None) not in self.roles:
            return False
        return has_capability(user, self.capability)


@dataclass(frozen=True)
class Workflow:
    """The states of one model and the steps between them. See the module docstring for an example.

    model        "app_label.Model" of the records
    noun         what a record is called in messages: "纠纷"
    states       the model's TextChoices of the state field
    steps        the Steps, in the order the page offers them
    state_field  the field holding the state
    awaiting     {state: capability}: records in that state wait for a decision by a holder of the capability
                 (or {state: user -> bool} where a line decides who that is)
    refusals     {state: phrase}: how a refusal describes a state ("尚未受理"); default 当前状态为“<label>”
    list_url_name the record list, for the home page's links
    """

    model: str
    noun: str
    states: type
    steps: Iterable[Step]
    state_field: str = "status"
    awaiting: dict = field(default_factory=dict)
    refusals: dict = field(default_factory=dict)
    list_url_name: str = ""

    def __post_init__(self):
        steps = tuple(self.steps)
        names = [s.name for s in steps]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.model} 的办理步骤名称重复。")
        known = set(self.states.values)
        for step in steps:
            unknown = (step.sources | step.targets) - known
            if unknown:
                raise ValueError(f"{self.model} 的步骤“{step.title}”引用了未声明的状态：{sorted(unknown)}")
        object.__setattr__(self, "steps", steps)
        _registry[self.model.lower()] = self

    # --- reading the table ---

    @cached_property
    def by_name(self) -> dict[str, Step]:
        return {s.name: s for s in self.steps}

    def step(self, name: str) -> Step:
        try:
            return self.by_name[name]
        except KeyError:
            raise LookupError(f"{self.model} 没有名为“{name}”的办理步骤。") from None

    def state_of(self, record) -> str:
        return str(getattr(record, self.state_field))

    def state_label(self, value) -> str:
        return str(dict(self.states.choices).get(str(value), value))

    def available(self, record, user=None) -> list[Step]:
        """The steps offered for `record` in its state to `user` (all roles when None), in the table's order."""
        state = self.state_of(record)
        return [s for s in self.steps if state in s.sources and s.may_take(user)
                and (s.permitted is None or user is None or s.permitted(record, user))
                and (s.offered is None or s.offered(record))]

    def step_names(self, record, user=None) -> list[str]:
        return [s.name for s in self.available(record, user)]

    def describe_steps(self, record, user=None) -> list[dict]:
        """The offered steps as the API shows them: [{"step": "accept", "title": "受理"}, …]."""
        return [{"step": s.name, "title": s.title} for s in self.available(record, user)]

    # --- enforcing it ---

    def refusal(self, record, step: Step) -> str:
        state = self.state_label(self.state_of(record))
        message = step.refusal
        if isinstance(message, dict):
            message = message.get(self.state_of(record)) or message.get(None, "")
        if message:
            return message.format(noun=self.noun, state=state, title=step.title)
        phrase = self.refusals.get(self.state_of(record)) or "当前状态为“{label}”"
        return f"该{self.noun}{phrase.format(label=state)}，不能{step.title}。"

    def check(self, record, name: str, user=None) -> Step:
        """Refuse the step unless `record`'s state allows it and `user`'s role may take it. Returns the Step."""
        step = self.step(name)
        if not step.may_take(user) or (step.permitted and user is not None and not step.permitted(record, user)):
            raise PermissionDenied(f"您的角色不能{step.title}。")
        if self.state_of(record) not in step.sources:
            raise ValidationError(self.refusal(record, step), code="workflow")
        return step

    # --- the home page ---

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def awaiting_states(self, user) -> list[str]:
        return [str(state) for state, who in self.awaiting.items()
                if (who(user) if callable(who) else has_capability(user, who))]

    @classmethod
    def of(cls, record_or_model) -> Workflow | None:
        meta = record_or_model._meta
        return _registry.get(meta.label_lower)


def registered() -> list[Workflow]:
    return list(_registry.values())


@dataclass(frozen=True)
class Awaiting:
    """A line of the home page's 待我决定: `count` records of `noun` in state `state_label`."""

    noun: str
    state_label: str
    count: int
    url: str


def awaiting_for(user) -> list[Awaiting]:
    """For every declared workflow, the records in `user`'s scope whose state awaits a decision the user may
    take. A workflow whose model is not installed is skipped."""
    out = []
    for wf in registered():
        states = wf.awaiting_states(user)
        if not states:
            continue
        try:
            model = wf.model_class
        except LookupError:
            continue
        queryset = model.objects.for_user(user)
        for state in states:
            count = queryset.filter(**{wf.state_field: state}).count()
            if count:
                out.append(Awaiting(wf.noun, wf.state_label(state), count, _list_url(wf, state)))
    return out


def _list_url(wf: Workflow, state: str) -> str:
    if not wf.list_url_name:
        return ""
    try:
        return f"{reverse(wf.list_url_name)}?{wf.state_field}={state}"
    except NoReverseMatch:
        return ""
