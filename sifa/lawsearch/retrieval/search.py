"""One search: a citation goes straight to the article, a law's name lists the law, a question is ranked.

Ranking a question fuses BM25 over character bigrams (with layperson words rewritten into legal terms) and the
semantic ranker, then applies priors: the law a question names, the level of the document (a citizen's
question is answered by a law or a judicial interpretation more often than by a local rule) and the laws
citizens ask about most. Weights were tuned on half of the development sets (bench/lawsearch_bench.py).
"""

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..corpus.citations import parse_query_citation
from ..corpus.numerals import int_to_chinese
from .dense import embed_query
from .documents import Doc
from .engine import Engine, get_engine
from .priorities import CITIZEN_LAWS
from .text import RUN_RE, bigrams, normalize, strip_fillers
from .thesaurus import expansions

MAX_QUERY_CHARS = 2000
CANDIDATES = 300


@dataclass(frozen=True)
class Weights:
    lexical: float = 1.0
    dense: float = 0.0
    expansion: float = 0.4
    named_law: float = 2.0
    citizen_law: float = 1.25
    levels: tuple = (("法律", 1.0), ("司法解释", 0.95), ("行政法规", 0.9), ("部门规章", 0.85),
                     ("宪法", 0.9), ("地方性法规", 0.6))
    repealed: float = 0.8
    cited: float = 0.1  # prior per log(1 + number of articles citing it)
    law_vote: float = 0.5  # boost by the law's share of the top results (the law the question is about)
    boilerplate: float = 0.8  # 附则 and "本法自…施行": they name the law but rarely answer a question


DEFAULT_WEIGHTS = Weights()
BM25_ONLY = Weights(lexical=1.0, dense=0.0, expansion=0.0, named_law=1.0, citizen_law=1.0, law_vote=0.0, cited=0.0,
                    levels=(), repealed=1.0, boilerplate=1.0)
BOILERPLATE_RE = re.compile(r"^(本(法|条例|规定|办法|解释|细则|决定|规则)(自|由)|本(法|条例|规定|办法)所称)")


@dataclass
class Filters:
    levels: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    in_force_on: date | None = None

    def active(self) -> bool:
        return bool(self.levels or self.statuses or self.in_force_on)


@dataclass
class Hit:
    doc: Doc
    score: float


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    kind: str  # citation · law · question · rejected
    message: str = ""  # why the result is empty or what was understood, in Chinese
    terms: list[str] = field(default_factory=list)  # what to highlight

    @property
    def ids(self) -> list[str]:
        return [hit.doc.id for hit in self.hits]


def search(query: str, top: int = 10, filters: Filters | None = None, weights: Weights = DEFAULT_WEIGHTS,
           engine: Engine | None = None) -> SearchResult:
    engine = engine or get_engine()
    text = normalize(query).strip()
    if not text:
        return SearchResult(query, [], "rejected", "请输入问题、法规名称或条文（如“劳动合同法第四十七条”）。")
    if len(text) > MAX_QUERY_CHARS:
        return SearchResult(query, [], "rejected",
                            f"问题太长（{len(text)}字），请精简到{MAX_QUERY_CHARS}字以内，只写清事情经过和想问的问题。")
    if not RUN_RE.search(text):
        return SearchResult(query, [], "rejected", "问题里只有标点或符号，没有可以检索的文字。")
    mask = _filter_mask(engine, filters) if filters and filters.active() else None
    if weights is not BM25_ONLY:
        cited = _citation(engine, text, mask)
        if cited is not None:
            return cited
        law = _law_by_name(engine, text)
        if law is not None:
            rows = [row for row in engine.by_law[law] if mask is None or mask[row]]
            hits = [Hit(engine.docs[row], 1.0) for row in rows[:top]]
            return SearchResult(query, hits, "law", f"《{law}》共{len(engine.by_law[law])}条。")
    return _rank_question(engine, query, text, top, mask, weights)


def _citation(engine: Engine, text: str, mask) -> SearchResult | None:
    parsed = parse_query_citation(text)
    if parsed is None:
        return None
    name, number, sub = parsed
    law = _law_by_name(engine, name)
    if law is None:
        return None  # "某某第三条" where 某某 is no law: treat as a question
    label = f"第{int_to_chinese(number)}条" + (f"之{int_to_chinese(sub)}" if sub else "")
    row = engine.by_id.get(f"{law}{label}")
    if row is None:
        count = len(engine.by_law[law])
        return SearchResult(text, [], "citation", f"《{law}》没有{label}（现行文本共{count}条）。")
    rows = [row] + [r for r in engine.by_law[law] if r != row and abs(engine.docs[r].number - number) <= 5]
    hits = [Hit(engine.docs[r], 1.0) for r in rows if mask is None or mask[r]]
    return SearchResult(text, hits[:10], "citation", f"《{law}》{label}")


def _law_by_name(engine: Engine, name: str) -> str | None:
    name = name.strip("《》「」“”\"' ").removeprefix("中华人民共和国")
    if name in engine.by_law:
        return name
    return None


def _filter_mask(engine: Engine, filters: Filters) -> np.ndarray:
    from ..corpus.tree import Status

    mask = np.ones(len(engine.docs), dtype=bool)
    for row, doc in enumerate(engine.docs):
        if filters.levels and doc.level not in filters.levels:
            mask[row] = False
        elif filters.statuses and doc.status not in filters.statuses:
            mask[row] = False
        elif filters.in_force_on and (doc.status != Status.CURRENT or doc.effective is None
                                      or doc.effective > filters.in_force_on):
            mask[row] = False
    return mask


def _rank_question(engine, query, text, top, mask, weights: Weights) -> SearchResult:
    core = strip_fillers(text) if weights is not BM25_ONLY else text
    units = bigrams(core) or bigrams(text)
    unit_weights = {}
    if weights.expansion:
        for unit in bigrams(" ".join(expansions(text))):
            if unit not in unit_weights and unit not in units:
                unit_weights[unit] = weights.expansion
                units.append(unit)
    scores = engine.lexical.scores(units, unit_weights)
    best = scores.max() if len(scores) else 0.0
    if best <= 0 and not weights.dense:
        return SearchResult(query, [], "question", "没有找到相关条文，换个说法试试，或拨打12348法律服务热线。")
    fused = weights.lexical * scores / best if best > 0 else np.zeros_like(scores)
    if weights.dense and engine.dense is not None:
        vector = embed_query(core)
        if vector is not None:
            similarity = engine.dense.scores(vector)
            floor = np.percentile(similarity, 90)
            normalised = np.clip((similarity - floor) / max(similarity.max() - floor, 1e-6), 0, 1)
            known = engine.dense_rows >= 0
            np.add.at(fused, engine.dense_rows[known], weights.dense * normalised[known])
    prior, names_a_law = _priors(engine, text, weights)
    fused = fused * prior
    if weights.law_vote and not names_a_law:
        fused = _law_vote(engine, fused, weights.law_vote)
    if mask is not None:
        fused = np.where(mask, fused, 0)
    count = min(top, int((fused > 0).sum()))
    order = np.argpartition(-fused, count)[:count] if count < len(fused) else np.arange(len(fused))
    order = order[np.argsort(-fused[order])][:count]
    hits = [Hit(engine.docs[row], float(fused[row])) for row in order]
    message = "" if hits else "没有找到相关条文，换个说法试试，或拨打12348法律服务热线。"
    return SearchResult(query, hits, "question", message, terms=sorted(set(units)))


_PRIOR_CACHE: dict[tuple, np.ndarray] = {}


def _priors(engine: Engine, text: str, weights: Weights) -> tuple[np.ndarray, bool]:
    """Per-article prior, and whether the question names a law. A named law overrides the general leaning
    towards the laws citizens ask about most (that leaning is for questions that name none)."""
    named = _named_laws(engine, text) if weights.named_law != 1.0 else []
    key = (id(engine), weights, bool(named))
    base = _PRIOR_CACHE.get(key)
    if base is None:
        levels = dict(weights.levels)
        citizen = set(CITIZEN_LAWS) if not named else set()
        base = np.array([levels.get(doc.level, 1.0)
                         * (weights.citizen_law if doc.law in citizen else 1.0)
                         * (weights.repealed if doc.status == "已废止" else 1.0)
                         * (weights.boilerplate if _is_boilerplate(doc) else 1.0) for doc in engine.docs],
                        dtype=np.float32)
        if weights.cited and engine.cited is not None:
            base = base * (1 + weights.cited * np.log1p(engine.cited))
        _PRIOR_CACHE[key] = base
    if not named:
        return base, False
    prior = base.copy()
    for name in named:
        prior[engine.by_law[name]] *= weights.named_law
    return prior, True


def _law_vote(engine: Engine, fused: np.ndarray, strength: float, depth: int = 30) -> np.ndarray:
    """Articles of the law that holds most of the top results move up: a plain question is usually about one
    law, and its best article may use none of the question's words while its neighbours do."""
    depth = min(depth, len(fused) - 1)
    top = np.argpartition(-fused, depth)[:depth] if depth > 0 else np.arange(len(fused))
    total = float(fused[top].sum())
    if total <= 0:
        return fused
    share: dict[str, float] = {}
    for row in top:
        law = engine.docs[row].law
        share[law] = share.get(law, 0.0) + float(fused[row]) / total
    boosted = fused.copy()
    for law, part in share.items():
        rows = engine.by_law[law]
        boosted[rows] *= 1 + strength * part
    return boosted


def _is_boilerplate(doc: Doc) -> bool:
    return "附则" in doc.chapter or bool(BOILERPLATE_RE.match(doc.text))


def _named_laws(engine: Engine, text: str) -> list[str]:
    """Laws a question names (《劳动合同法》, 劳动合同法, 中华人民共和国劳动合同法), longest names first."""
    found, rest = [], text
    for name in engine.law_names:
        if (len(name) >= 3 or name.endswith("法")) and name in rest:
            found.append(name)
            rest = rest.replace(name, " ")
    return found


def highlight_terms(result: SearchResult) -> list[str]:
    return [term for term in result.terms if re.search(r"[\u3400-\u9fff]", term)]
