"""One answer sheet on a page, shared by the portal's public quiz and the officials' quiz on the staff pages: the
posted answers (one field per question, `q<id>`, a checkbox list for a multiple-answer question) go to
`actions.submit_attempt`, which scores them or refuses a late sheet; the page then shows the questions or the
result."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from . import actions
from .actions.quiz import LETTERS


@dataclass
class Sheet:
    context: dict = field(default_factory=dict)
    status: int = 200
    done: bool = False


def handle(request, attempt) -> Sheet:
    questions = actions.questions_of(attempt)
    sheet = Sheet()
    error = ""
    if request.method == "POST" and attempt.submitted_at is None:
        answers = {str(q.pk): "".join(request.POST.getlist(f"q{q.pk}")) for q in questions}
        try:
            actions.submit_attempt(attempt, answers=answers)
        except ValidationError as exc:
            error, sheet.status = "；".join(exc.messages), 400
        else:
            sheet.done = True
            return sheet
    items = [{"q": q, "options": [(LETTERS[i], o) for i, o in enumerate(q.options)],
              "given": (attempt.answers or {}).get(str(q.pk), "")} for q in questions]
    sheet.context = {"attempt": attempt, "items": items, "error": error,
                     "deadline_ms": int(attempt.deadline_at.timestamp() * 1000)}
    return sheet
