"""The only writers of the law corpus and the search log.

``import_corpus`` reads a whole LawRefBook tree first (so a malformed file is reported with its name and line
before anything is written), then stores each law in its own transaction: a law is imported whole or not at
all, and importing the same files again changes nothing. Citations are linked to the articles they name;
one naming an article that does not exist stays unresolved (shown as such), never linked to a neighbour.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit
from sifa.core.action_checks import ensure_can_write, required
from sifa.core.models import OrgUnit

from .corpus.citations import find_citations
from .corpus.markdown import CorpusError
from .corpus.tree import CorpusLaw, Status, read_corpus
from .models import Article, Citation, Law, LawStatus, Level, Outcome, QAEntry, SearchLog, Topic
from .topics import topic_of


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    unresolved_citations: int = 0

    def summary(self) -> str:
        text = (f"新增{self.created}部、更新{self.updated}部、未变{self.unchanged}部法规，"
                f"写入{self.articles}条条文；未能对应到条文的引用{self.unresolved_citations}处。")
        if self.errors:
            text += f"\n{len(self.errors)}个文件有错误，未导入：\n" + "\n".join(self.errors)
        return text


def import_corpus(actor, path: str | Path | None = None, level: str | None = None,
                  strict: bool = False) -> ImportReport:
    """Import every law under ``path`` (None: the national corpus shipped with Sifa).

    ``level`` overrides the level for a bureau's own documents (e.g. 规范性文件). With ``strict`` a single bad
    file stops the whole import before anything is written; otherwise bad files are reported and skipped.
    """
    if level and level not in Level.values:
        raise ValidationError(f"效力级别“{level}”不在可选范围内：{'、'.join(Level.values)}。")
    errors: list[CorpusError] = []
    try:
        laws = read_corpus(Path(path) if path else None, errors=None if strict else errors)
    except CorpusError as exc:
        raise ValidationError(str(exc))
    report = ImportReport(errors=[str(error) for error in errors])
    for law in laws:
        if level:
            law.level = level
        outcome = _import_law(actor, law, report)
        setattr(report, outcome, getattr(report, outcome) + 1)
    _refresh_versions({law.parsed.short_name for law in laws})
    report.unresolved_citations = resolve_citations()
    return report


def _content_hash(law: CorpusLaw) -> str:
    parsed = law.parsed
    payload = "\n".join([law.level, parsed.title, parsed.subtitle, str(parsed.published), str(parsed.effective),
                         *parsed.history, *parsed.preamble,
                         *(f"{a.label}|{a.part}|{a.chapter}|{a.section}|{a.text}" for a in parsed.articles)])
    return hashlib.sha256(payload.encode()).hexdigest()


def _import_law(actor, law: CorpusLaw, report: ImportReport) -> str:
    parsed = law.parsed
    digest = _content_hash(law)
    existing = Law.objects.filter(source_path=parsed.path).first()
    if existing and existing.content_hash == digest:
        return "unchanged"
    fields = dict(content_hash=digest, title=parsed.title[:300], subtitle=parsed.subtitle[:100],
                  short_name=parsed.short_name[:200], level=law.level, issuer=parsed.issuer[:100],
                  published=parsed.published, effective=parsed.effective, status=law.status,
                  history="\n".join(parsed.history), preamble="\n".join(parsed.preamble))
    with transaction.atomic():
        if existing:
            before = {"content_hash": existing.content_hash}
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            existing.articles.all().delete()
            record = existing
        else:
            before = None
            record = Law.objects.create(source_path=parsed.path[:300], **fields)
        articles = Article.objects.bulk_create([
            Article(law=record, number=a.number, sub_number=a.sub_number, label=a.label, part=a.part[:100],
                    chapter=a.chapter[:100], section=a.section[:100], text=a.text, clauses=a.clauses,
                    source_line=a.line)
            for a in parsed.articles
        ])
        _store_citations(record, articles)
        audit.action(actor, "导入法规", record, before=before,
                     after={"content_hash": digest, "articles": len(articles), "source": parsed.path})
    report.articles += len(articles)
    return "updated" if existing else "created"


def _store_citations(law: Law, articles: list[Article]) -> None:
    by_number = {(a.number, a.sub_number): a for a in articles}
    rows = []
    for article in articles:
        for citation in find_citations(article.text):
            target = None
            if citation.law is None:
                if citation.article is None:
                    target = article  # 前款, 本条第二款: within the article itself
                else:
                    target = by_number.get((citation.article, citation.sub_number))
            rows.append(Citation(source=article, text=citation.text[:120],
                                 target_law_name=(citation.law or "")[:200], target_number=citation.article,
                                 target_clause=citation.clause, target=target))
    Citation.objects.bulk_create(rows, batch_size=2000)


def resolve_citations() -> int:
    """Link citations of other laws (《民法典》第五百七十七条) to the current version's article; returns how
    many citations remain unresolved."""
    pending = Citation.objects.filter(target__isnull=True).exclude(target_law_name="")
    names = set(pending.values_list("target_law_name", flat=True))
    current: dict[str, int] = {}
    for law in Law.objects.filter(status=LawStatus.CURRENT).only("id", "short_name", "title"):
        for name in (law.short_name, law.title, law.title.removeprefix("中华人民共和国")):
            if name in names:
                current.setdefault(name, law.id)
    by_law = defaultdict(list)
    for citation in pending.filter(target_law_name__in=current.keys()).only("id", "target_law_name",
                                                                          "target_number"):
        by_law[current[citation.target_law_name]].append(citation)
    for law_id, citations in by_law.items():
        numbers = {a.number: a.id for a in Article.objects.filter(law_id=law_id, sub_number=0).only("id", "number")}
        changed = []
        for citation in citations:
            if citation.target_number in numbers:
                citation.target_id = numbers[citation.target_number]
                changed.append(citation)
        Citation.objects.bulk_update(changed, ["target"], batch_size=2000)
    return Citation.objects.filter(target__isnull=True).exclude(target_number__isnull=True).count()


def _refresh_versions(short_names: set[str]) -> None:
    """Recompute which version of each law is current: the latest publication; older ones point to it."""
    for short_name in short_names:
        groups = defaultdict(list)
        for law in Law.objects.filter(short_name=short_name).order_by("-published", "source_path"):
            groups[law.subtitle].append(law)
        for versions in groups.values():
            newest = versions[0]
            for law in versions:
                status = law.status if law is newest and law.status != Status.AMENDED else (
                    LawStatus.CURRENT if law is newest else LawStatus.AMENDED)
                superseded_by = None if law is newest else newest
                if law.status != status or law.superseded_by_id != getattr(superseded_by, "id", None):
                    law.status, law.superseded_by = status, superseded_by
                    law.save(update_fields=["status", "superseded_by"])


def log_search(result, channel: str, user=None) -> SearchLog | None:
    """Remember a search for the indicators: owned by the staff member's unit, or by the county's top unit for
    the public portal (none yet on an empty installation: then nothing is logged)."""
    org = getattr(user, "org", None) if getattr(user, "is_authenticated", False) else None
    org = org or OrgUnit.objects.filter(parent__isnull=True, active=True).order_by("path").first()
    if org is None:
        return None
    top = result.hits[0].doc if result.hits else None
    outcome = Outcome.REFUSED if result.kind == "rejected" else (Outcome.FOUND if top else Outcome.NOTHING)
    return SearchLog.objects.create(org=org, channel=channel, query=result.query[:500], kind=result.kind,
                                    outcome=outcome, result_count=min(len(result.hits), 32767),
                                    top_id=top.id if top else "",
                                    topic=topic_of(top.law, top.number) if top else Topic.OTHER)


# Shapes of personal data that must be gone before a consultation becomes a public Q&A entry.
PERSONAL_DATA = [
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)"), "身份证号"),
    (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), "手机号码"),
    (re.compile(r"(?<!\d)\d{16,19}(?!\d)"), "银行卡号"),
]


def publish_qa(actor, *, question: str, answer: str, article_ids: list[str], source: str = "") -> QAEntry:
    """Publish a reviewed question–answer entry for citizens. Refused while the text still holds personal data
    (ID, mobile or card numbers) or cites an article the corpus does not have."""
    from .retrieval.engine import get_engine

    ensure_can_write(actor, actor.org, "法律问答")
    question = required(question, "问题", 500)
    answer = required(answer, "解答", 5000)
    for pattern, label in PERSONAL_DATA:
        if pattern.search(question) or pattern.search(answer):
            raise ValidationError(f"问题或解答中还有{label}，请先去除个人信息再发布。")
    ids = [i.strip() for i in article_ids if i and i.strip()]
    if not ids:
        raise ValidationError("请至少关联一条法律依据（如“民法典第五百七十七条”）。")
    engine = get_engine()
    missing = [i for i in ids if i not in engine.by_id]
    if missing:
        raise ValidationError(f"法规库中没有这些条文：{'、'.join(missing)}。")
    with transaction.atomic():
        entry = QAEntry.objects.create(org=actor.org, question=question, answer=answer, article_ids=ids,
                                       source=source[:100], created_by=actor)
        audit.action(actor, "发布法律问答", entry, after={"question": question, "articles": ids})
    return entry
