"""Citations inside law text and in questions: 《民法典》第五百七十七条, 本法第三条, 第十条, 前款, 本条第二款.

Only finds and reads them; resolving to stored articles is the importer's job, and a citation that cannot be
resolved stays visibly unresolved instead of being linked to a guess.
"""

import re
from dataclasses import dataclass

from .numerals import NUMERAL_CHARS, chinese_to_int

NUM = rf"[{NUMERAL_CHARS}\d]+"
TEXT_CITATION_RE = re.compile(
    rf"(?:《(?P<book>[^》]{{2,60}})》|(?P<self>本法|本条例|本规定|本解释|本办法|本细则|本决定|本规则))?"
    rf"第(?P<article>{NUM})条(?:之(?P<sub>[一二三四五六七八九十]+))?"
    rf"(?:第(?P<clause>{NUM})款)?"
)
PREVIOUS_CLAUSE_RE = re.compile(r"前(?P<count>[两二三]?)款")
THIS_ARTICLE_CLAUSE_RE = re.compile(rf"本条第(?P<clause>{NUM})款")
FULL_PREFIX = "中华人民共和国"


@dataclass(frozen=True)
class Citation:
    text: str
    start: int
    law: str | None  # the cited law's name as written; None = the citing law itself
    article: int | None  # None = the citing article itself (前款, 本条第二款)
    sub_number: int = 0
    clause: int | None = None


def find_citations(text: str) -> list[Citation]:
    found: list[Citation] = []
    taken: list[range] = []
    for match in TEXT_CITATION_RE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] == "本" and not match.group("self"):
            continue  # "本第…" never occurs; guards odd joins
        try:
            article = chinese_to_int(match.group("article"))
            sub = chinese_to_int(match.group("sub")) if match.group("sub") else 0
            clause = chinese_to_int(match.group("clause")) if match.group("clause") else None
        except ValueError:
            continue
        book = match.group("book")
        found.append(Citation(match.group(0), match.start(), book.removeprefix(FULL_PREFIX) if book else None,
                              article, sub, clause))
        taken.append(range(match.start(), match.end()))
    for match in THIS_ARTICLE_CLAUSE_RE.finditer(text):
        try:
            found.append(Citation(match.group(0), match.start(), None, None,
                                  clause=chinese_to_int(match.group("clause"))))
        except ValueError:
            continue
    for match in PREVIOUS_CLAUSE_RE.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        found.append(Citation(match.group(0), match.start(), None, None, clause=-1))  # -1: the clause before
    return sorted(found, key=lambda citation: citation.start)


QUERY_CITATION_RE = re.compile(
    rf"^[《「“\"]?(?P<law>[^《》「」“”\"]{{2,60}}?)[》」”\"]?\s*第?\s*(?P<article>{NUM})\s*条"
    rf"(?:之(?P<sub>[一二三四五六七八九十]+))?[」”\"]?$"
)


def parse_query_citation(query: str) -> tuple[str, int, int] | None:
    """「劳动合同法第四十七条」, 《民法典》第577条, 刑法264条 → (law name, article, sub number)."""
    match = QUERY_CITATION_RE.match(query.strip())
    if not match:
        return None
    try:
        article = chinese_to_int(match.group("article"))
        sub = chinese_to_int(match.group("sub")) if match.group("sub") else 0
    except ValueError:
        return None
    return match.group("law").strip().removeprefix(FULL_PREFIX), article, sub
