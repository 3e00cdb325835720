"""The Q&A library searched with the same lexical ranker and thesaurus as the articles.

Entries are few (hundreds, not tens of thousands), so their index is built from the database when the set of
published entries changes and kept in memory until it changes again.
"""

from dataclasses import dataclass

from django.db.models import Count, Max

from .documents import Doc
from .lexical import LexicalIndex
from .text import bigrams, normalize, strip_fillers
from .thesaurus import expansions

_cache: dict = {}


@dataclass
class QAIndex:
    entries: list
    lexical: LexicalIndex


def _index() -> QAIndex | None:
    from ..models import QAEntry

    published = QAEntry.objects.filter(published=True)
    state = published.aggregate(n=Count("id"), last=Max("updated_at"))
    if not state["n"]:
        return None
    key = (state["n"], state["last"])
    if _cache.get("key") != key:
        entries = list(published.order_by("id"))
        docs = [Doc(str(e.pk), "", "", "", 0, 0, "", f"{e.question}\n{e.question}\n{e.answer}", "", "", "")
                for e in entries]
        _cache.update(key=key, index=QAIndex(entries, LexicalIndex.build(docs)))
    return _cache["index"]


def search_qa(question: str, top: int = 3, min_coverage: float = 0.3) -> list:
    """Published entries answering the question, best first; an entry must share at least ``min_coverage`` of
    the question's own words (bigrams), so an unrelated entry is not shown for the sake of showing one."""
    index = _index()
    text = normalize(question).strip()
    if index is None or not text:
        return []
    core = bigrams(strip_fillers(text))
    units, weights = list(core), {}
    for unit in bigrams(" ".join(expansions(text))):
        if unit not in units:
            weights[unit] = 0.4
            units.append(unit)
    scores = index.lexical.scores(units, weights)
    wanted = set(core)
    found = []
    for i in scores.argsort()[::-1][:top]:
        entry = index.entries[i]
        shared = wanted & set(bigrams(f"{entry.question}{entry.answer}"))
        if scores[i] > 0 and wanted and len(shared) / len(wanted) >= min_coverage:
            found.append(entry)
    return found
