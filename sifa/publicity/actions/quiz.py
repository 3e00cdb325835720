"""学法考法: question banks as data (each answer with the law article it rests on, an id of 法搜's corpus), timed
quizzes for the public (portal) and officials (staff pages); an answer sheet after the time limit is refused."""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sifa.core import action_checks as checks
from sifa.core import audit
from sifa.core.models import OrgUnit

from ..models import Attempt, Question, QuestionBank, QuizAudience
from .common import ensure_can_write

LETTERS = "ABCDEFGH"
GRACE = dt.timedelta(seconds=15)  # the page's own clock submits at the limit; allow for the network, no more


def missing_articles(ids: list[str]) -> list[str]:
    """The article ids 法搜's corpus does not hold."""
    from sifa.lawsearch.retrieval.engine import get_engine

    engine = get_engine()
    return [i for i in ids if i not in engine.by_id]


def _question(n: int, row: dict) -> dict:
    text = checks.required(row.get("text"), f"第{n}题题干", 2000)
    options = [str(o).strip() for o in row.get("options") or [] if str(o).strip()]
    if not 2 <= len(options) <= len(LETTERS):
        raise ValidationError(f"第{n}题应有2至{len(LETTERS)}个选项。")
    answer = "".join(sorted(set(str(row.get("answer") or "").strip().upper())))
    if not answer or any(a not in LETTERS[:len(options)] for a in answer):
        raise ValidationError(f"第{n}题的正确答案“{row.get('answer')}”不在选项中。")
    article = checks.required(row.get("article"), f"第{n}题的法律依据", 100)
    return {"number": n, "text": text, "options": options, "answer": answer, "article_id": article,
            "explanation": (row.get("explanation") or "").strip()[:2000]}


@transaction.atomic
def import_bank(actor, *, org: OrgUnit, data: dict) -> QuestionBank:
    """Load (or replace the questions of) a bank from its data: code, title, audience, year, minutes, per_quiz,
    pass_score and questions [{text, options, answer, article, explanation}]. Every answer must cite an article
    the law corpus holds; a bank with attempts keeps its questions."""
    ensure_can_write(actor, org)
    code = checks.required(data.get("code"), "题库代码", 40)
    rows = [_question(n, row) for n, row in enumerate(data.get("questions") or [], start=1)]
    if not rows:
        raise ValidationError("题库中没有试题。")
    missing = missing_articles(sorted({r["article_id"] for r in rows}))
    if missing:
        raise ValidationError(f"法规库中没有这些条文：{'、'.join(missing)}。")
    per_quiz = int(data.get("per_quiz") or 10)
    if not 1 <= per_quiz <= len(rows):
        raise ValidationError(f"每次抽题数应为1至{len(rows)}。")
    minutes = int(data.get("minutes") or 10)
    if not 1 <= minutes <= 180:
        raise ValidationError("答题时限应为1至180分钟。")
    fields = {"title": checks.required(data.get("title"), "题库名称", 100),
              "audience": checks.choice(data.get("audience") or QuizAudience.PUBLIC, QuizAudience, "对象"),
              "year": int(data.get("year") or checks.today().year), "minutes": minutes, "per_quiz": per_quiz,
              "pass_score": int(data.get("pass_score") or 60)}
    bank = QuestionBank.objects.select_for_update().filter(code=code).first()
    if bank is not None:
        ensure_can_write(actor, bank.org)
        if bank.attempts.exists():
            raise ValidationError(f"题库“{bank.title}”已有答题记录，请以新的题库代码发布新版本。")
        for name, value in fields.items():
            setattr(bank, name, value)
        bank.save()
        bank.questions.all().delete()
    else:
        bank = QuestionBank.objects.create(org=org, code=code, created_by=actor, **fields)
    Question.objects.bulk_create([Question(bank=bank, org=bank.org, org_path=bank.org.path,
                                           region_code=bank.org.division_id, created_by=actor, **r) for r in rows])
    audit.action(actor, "发布学法考法题库", bank, after={"code": code, "title": bank.title, "questions": len(rows)})
    return bank


@transaction.atomic
def start_attempt(bank: QuestionBank, *, unit_name: str, participant=None, citizen_digest: str = "",
                  now: dt.datetime | None = None, seed=None) -> Attempt:
    """Draw the questions and start the clock. A public bank is for citizens (by their portal digest), an
    officials' bank for signed-in staff."""
    now = now or timezone.now()
    if not bank.active:
        raise ValidationError("该题库暂未开放答题。")
    if bank.audience == QuizAudience.OFFICIALS:
        if participant is None:
            raise PermissionDenied("该考试仅限领导干部和公职人员登录后参加。")
        unit_name = participant.org.name
    elif not citizen_digest:
        raise PermissionDenied("请先登录后答题。")
    ids = list(bank.questions.values_list("pk", flat=True))
    drawn = random.Random(seed).sample(ids, min(bank.per_quiz, len(ids)))
    attempt = Attempt.objects.create(
        bank=bank, org=bank.org, started_at=now, deadline_at=now + dt.timedelta(minutes=bank.minutes),
        taken_on=timezone.localtime(now).date(), question_ids=drawn,
        unit_name=checks.required(unit_name, "所在单位（乡镇）", 100), participant=participant,
        citizen_digest=citizen_digest)
    audit.action(participant, "开始学法考法答题", attempt, after={"bank": bank.code, "unit": attempt.unit_name})
    return attempt


def questions_of(attempt: Attempt) -> list[Question]:
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    return [by_id[i] for i in attempt.question_ids if i in by_id]


@transaction.atomic
def submit_attempt(attempt: Attempt, *, answers: dict, now: dt.datetime | None = None) -> Attempt:
    """交卷: scored against the bank; refused (nothing written) after the time limit or a second time."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().select_related("bank").get(pk=attempt.pk)
    if attempt.submitted_at is not None:
        raise ValidationError("该答卷已提交，不能重复提交。")
    if now > attempt.deadline_at + GRACE:
        raise ValidationError(f"答题时间已到（限时{attempt.bank.minutes}分钟），本次答卷未被接受，请重新开始答题。")
    questions = questions_of(attempt)
    clean = {}
    correct = 0
    for q in questions:
        given = "".join(sorted(set(str(answers.get(str(q.pk)) or answers.get(q.pk) or "").upper())))
        clean[str(q.pk)] = given
        correct += given == q.answer
    attempt.answers = clean
    attempt.score = round(100 * correct / len(questions)) if questions else 0
    attempt.passed = attempt.score >= attempt.bank.pass_score
    attempt.submitted_at = now
    attempt.save()
    audit.action(attempt.participant, "提交学法考法答卷", attempt,
                 after={"bank": attempt.bank.code, "score": attempt.score, "passed": attempt.passed})
    return attempt
