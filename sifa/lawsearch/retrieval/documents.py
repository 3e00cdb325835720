"""The searchable unit: one article of a law in force, with the id the outside world cites it by."""

from dataclasses import dataclass
from datetime import date

from ..corpus.tree import NOT_STATUTES, CorpusLaw, Status


@dataclass(frozen=True)
class Doc:
    id: str  # 民法典第五百七十七条
    law: str  # short name
    title: str  # full title
    label: str  # 第五百七十七条
    number: int
    sub_number: int
    chapter: str
    text: str
    level: str
    status: str
    path: str
    effective: date | None = None  # the law's 施行 date (its publication date when none is known)


def article_id(short_name: str, label: str) -> str:
    return f"{short_name}{label}"


def searchable_docs(laws: list[CorpusLaw]) -> list[Doc]:
    """Articles of each law's latest version (a lone version flagged expired upstream stays, marked 已废止,
    because the upstream flag is known to be unreliable), skipping case summaries and duplicate copies."""
    docs, seen = [], set()
    for law in laws:
        parsed = law.parsed
        if law.status == Status.AMENDED or law.level in NOT_STATUTES:
            continue
        for article in parsed.articles:
            doc_id = article_id(parsed.short_name, article.label)
            if doc_id in seen:
                continue
            seen.add(doc_id)
            docs.append(Doc(doc_id, parsed.short_name, parsed.title, article.label, article.number,
                            article.sub_number, article.chapter, article.text, law.level, law.status,
                            parsed.path, parsed.effective or parsed.published))
    return docs
