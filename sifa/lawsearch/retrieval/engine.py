"""The search engine over the shipped national corpus: builds (or loads) its index on first use.

The engine reads the corpus packed inside the package, not the database, so `sifa laws search` answers on
a fresh installation before anything has been imported; the first call builds the lexical index (well under
the 5-minute budget) and caches it under the var directory, keyed by the corpus file's digest.
"""

import hashlib
import pickle
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..corpus.citations import find_citations
from ..corpus.numerals import int_to_chinese
from ..corpus.tree import SHIPPED_CORPUS, read_corpus
from .dense import DenseIndex
from .documents import Doc, searchable_docs
from .lexical import LexicalIndex

CACHE_VERSION = 4


@dataclass
class Engine:
    docs: list[Doc]
    lexical: LexicalIndex
    dense: DenseIndex | None = None
    build_seconds: float = 0.0
    by_id: dict[str, int] = field(default_factory=dict)
    by_law: dict[str, list[int]] = field(default_factory=dict)
    dense_rows: np.ndarray | None = None  # doc row of each dense vector
    cited: np.ndarray | None = None  # how many articles of the corpus cite each article

    def __post_init__(self):
        self.by_id = {doc.id: i for i, doc in enumerate(self.docs)}
        for i, doc in enumerate(self.docs):
            self.by_law.setdefault(doc.law, []).append(i)
        if self.dense is not None:
            rows = [self.by_id.get(doc_id, -1) for doc_id in self.dense.ids]
            self.dense_rows = np.array(rows, dtype=np.int64)
        if self.cited is None:
            self.cited = citation_counts(self.docs, self.by_id)

    @property
    def law_names(self) -> list[str]:
        return sorted(self.by_law, key=len, reverse=True)


def citation_counts(docs: list[Doc], by_id: dict[str, int]) -> np.ndarray:
    """In-degree of each article: 本法第N条 within its law, 《X》第N条 across laws. Much-cited articles are the
    central rules of a field (民法典第五百七十七条), the ones plain questions tend to need."""
    counts = np.zeros(len(docs), dtype=np.float32)
    for doc in docs:
        for citation in find_citations(doc.text):
            if citation.article is None:
                continue
            law = doc.law if citation.law is None else citation.law
            label = f"第{int_to_chinese(citation.article)}条" + (
                f"之{int_to_chinese(citation.sub_number)}" if citation.sub_number else "")
            row = by_id.get(f"{law}{label}")
            if row is not None and docs[row] is not doc:
                counts[row] += 1
    return counts


def _corpus_digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:16]


def build_engine(cache_dir: Path | None = None, corpus: Path = SHIPPED_CORPUS) -> Engine:
    """Load the cached index if it matches the shipped corpus, otherwise build and cache it."""
    started = time.perf_counter()
    cache = None
    if cache_dir is not None:
        cache = Path(cache_dir) / f"lawsearch-index-v{CACHE_VERSION}-{_corpus_digest(corpus)}.pickle"
        if cache.exists():
            with cache.open("rb") as handle:  # written by build_engine below, never from outside
                docs, arrays, cited, build_seconds = pickle.load(handle)
            return Engine(docs, LexicalIndex.from_arrays(arrays), DenseIndex.load(), build_seconds, cited=cited)
    docs = searchable_docs(read_corpus())
    lexical = LexicalIndex.build(docs)
    engine = Engine(docs, lexical, DenseIndex.load())
    engine.build_seconds = build_seconds = time.perf_counter() - started
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".partial")
        with partial.open("wb") as handle:
            pickle.dump((docs, lexical.arrays(), engine.cited, build_seconds), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache)
    return engine


_engine: Engine | None = None
_lock = threading.Lock()


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                from django.conf import settings

                _engine = build_engine(Path(settings.VAR_DIR) / "cache")
    return _engine
