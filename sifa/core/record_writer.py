"""How an action takes hold of one record and leaves its audit row: lock, check, snapshot, save.

Every line's actions do the same four things with the record they change, declared once per model::

    CASES = RecordWriter(Case, fields=CASE_FIELDS, workflow=WORKFLOW, line="行政复议")

    @transaction.atomic
    def accept(actor, case, *, accepted_on):
        case, before = CASES.lock_for_change(case, actor, "accept")   # select_for_update + scope + workflow
        ...                                                            # validate, set fields
        return CASES.save(actor, case, "受理", before)                 # save + one audit row (before/after)

`lock` serialises two people acting on one record (the row is locked for the rest of the transaction), refuses an
actor outside the record's subtree or without the right to write (`core.action_checks.ensure_can_write`; an actor
of None is a citizen, whose right the public action checks itself) and, given a step, refuses it unless the
workflow table allows it now. `snapshot` is the record's `fields` as the audit row shows them (masked, readable).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import audit
from .action_checks import ensure_can_write


@dataclass(frozen=True)
class RecordWriter:
    model: type
    fields: Sequence[str] = ()
    workflow: object | None = None      # core.workflow.Workflow of the model, when it has states
    line: str = "该"                     # the business named in a refusal: 您的角色不能办理{line}业务
    related: Sequence[str] = ()         # select_related on the locked row
    readable: bool = True               # audit snapshots in the reader's words (choice labels, names)

    def lock(self, record, actor, step: str = ""):
        """The record re-read and locked for the rest of the transaction, once the actor and the step may act."""
        record = self.model.objects.select_for_update().select_related(*self.related).get(pk=record.pk)
        if actor is not None:
            ensure_can_write(actor, record.org, self.line)
        if step:
            self.workflow.check(record, step, actor)
        return record

    def snapshot(self, record) -> dict:
        return audit.snapshot(record, self.fields, readable=self.readable)

    def lock_for_change(self, record, actor, step: str = ""):
        """`lock`, and the record's snapshot before the change: (record, before)."""
        record = self.lock(record, actor, step)
        return record, self.snapshot(record)

    def save(self, actor, record, verb: str, before: dict, reason: str = ""):
        """Save the record and write its audit row (before, after) in the same transaction."""
        record.save()
        audit.action(actor, verb, record, before=before, after=self.snapshot(record), reason=reason)
        return record
