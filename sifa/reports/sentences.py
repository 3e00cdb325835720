"""How a sentence of the report reads when some of its figures are 0 or cannot be computed.

A bureau's report does not write “对0名社区矫正对象开展心理测评0人次，筛查阳性0人，阳性率—%” nor “经核查属实0条、
排除0条” after “发现50人私自外出并依据相关规定做出处理”: a statement with nothing behind it is left out. So, on the
rendered items of a sentence (str and Figure):

- the sentence is cut into clauses at “，” and “；”; a clause without figures (“与公安机关涉案人员名单比对”) belongs to
  the clause with figures that follows it (a trailing one to the clause before);
- a clause whose figures are all 0 or “—” (no value) is left out with its introduction — its 附注 with it —
  except a 0 that is one part of a breakdown whose total the paragraph prints (“其中缓刑384人，假释9人，管制0人”,
  “县级调处0件”: DOMAIN §16 keeps zeros of a breakdown, and the parts still add up to the total) — a sentence
  holding such a part keeps its zeros and their shares (“镇街调处0件，占比0%”) and loses only what has no value;
- a sentence left with no figure is left out whole; a paragraph whose sentences are all left out is not written
  (the preview lists it with the reason), and the 一是/二是 numbering closes up.

A figure a writer overrode counts by the value printed. The clauses left out are listed for the writer.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sifa.indicators.results import MISSING_DISPLAY

from .templating import Figure

BREAK = re.compile(r"([，；])")
END = ("。", "！", "？")


def is_empty(figure: Figure) -> bool:
    """A figure that states nothing: 0, or no value (“—”)."""
    if figure.text == MISSING_DISPLAY:
        return True
    try:
        return Decimal(figure.text) == 0
    except InvalidOperation:
        return False  # 500余, 近3万: approximations are never 0


def _split(items: list) -> list[list]:
    """Items cut at clause breaks; each clause after the first starts with its break (“，” or “；”)."""
    clauses: list[list] = [[]]
    for item in items:
        if isinstance(item, Figure):
            clauses[-1].append(item)
            continue
        for part in BREAK.split(item):
            if part in ("，", "；"):
                clauses.append([part])
            elif part:
                clauses[-1].append(part)
    return clauses


def _text(items: list) -> str:
    return "".join(i if isinstance(i, str) else i.text for i in items)


def _groups(clauses: list[list]) -> list[list[list]]:
    """Clauses grouped so that every group holds figures: figure-less clauses join the next clause with figures,
    trailing ones the last group."""
    groups, pending = [], []
    for clause in clauses:
        pending.append(clause)
        if any(isinstance(i, Figure) for i in clause):
            groups.append(pending)
            pending = []
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    return groups


def printed_totals(figures, sums: tuple = ()) -> set[str]:
    """Codes whose zero figures are kept: an indicator printed as a non-zero total (its parts written with
    dimensions), and the parts a paragraph declares in `sums` for such a total."""
    totals = {f.placeholder.code for f in figures if not f.placeholder.dims and not is_empty(f)}
    return totals | {part for total, parts in sums if total in totals for part in parts}


def elide(items: list, totals: set[str] | None = None) -> tuple[list, list[str]]:
    """(items to print, clauses left out). `totals`: printed_totals of the whole paragraph (default: of this
    sentence). A sentence without any figure is returned as it is."""
    figures = [i for i in items if isinstance(i, Figure)]
    if not figures or not any(is_empty(f) for f in figures):
        return items, []
    totals = printed_totals(figures) if totals is None else totals

    def says_something(f: Figure) -> bool:
        part_of_total = f.placeholder.code in totals and f.text != MISSING_DISPLAY
        return part_of_total or not is_empty(f)

    # a breakdown reads whole, its zeros and their shares included (“镇街调处0件，占比0%”): only what has no value
    # at all (“万人化解率为—件/万人”) is left out of it
    breakdown = any(is_empty(f) and says_something(f) for f in figures)

    def drop(group_figures: list) -> bool:
        if breakdown:
            return all(f.text == MISSING_DISPLAY for f in group_figures)
        return not any(says_something(f) for f in group_figures)
    text = _text(items).rstrip()
    end = text[-1] if text.endswith(END) else ""
    body = list(items)
    if end:  # the closing 。 is put back on whatever remains
        last = body[-1]
        body[-1] = last.rstrip()[:-1] if isinstance(last, str) else last
    kept, omitted = [], []
    for group in _groups(_split(body)):
        flat = [i for clause in group for i in clause]
        group_figures = [i for i in flat if isinstance(i, Figure)]
        if group_figures and drop(group_figures):
            omitted.append(_text(flat).lstrip("，；"))
        else:
            kept.append(flat)
    if not omitted:
        return items, []
    if not kept:
        return [], omitted
    out = [i for group in kept for i in group]
    if isinstance(out[0], str):
        out[0] = out[0].lstrip("，；")
    return [i for i in out if i != ""] + ([end] if end else []), omitted


def has_content(item) -> bool:
    """Whether a report paragraph (Item) still says something: any sentence left, or no sentences at all."""
    return not item.sentences or any(piece.items for piece in item.sentences)
