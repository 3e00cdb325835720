"""BM25 over character bigrams of law name + chapter + article text, as a sparse matrix.

Scoring a question is one column slice and a matrix-vector product (a few milliseconds for 64,000 articles).
"""

import numpy as np
from scipy import sparse

from .documents import Doc
from .text import bigrams

K1, B = 1.2, 0.75


def doc_units(doc: Doc) -> list[str]:
    return bigrams(doc.law) + bigrams(doc.chapter) + bigrams(doc.text)


class LexicalIndex:
    def __init__(self, vocabulary: dict[str, int], weights: sparse.csc_matrix, idf: np.ndarray):
        self.vocabulary = vocabulary
        self.weights = weights  # docs × terms, BM25 term weights (idf included)
        self.idf = idf

    @classmethod
    def build(cls, docs: list[Doc], k1: float = K1, b: float = B) -> "LexicalIndex":
        vocabulary: dict[str, int] = {}
        rows, cols, lengths = [], [], np.zeros(len(docs), dtype=np.float32)
        for row, doc in enumerate(docs):
            units = doc_units(doc)
            lengths[row] = len(units)
            for unit in units:
                cols.append(vocabulary.setdefault(unit, len(vocabulary)))
            rows.extend([row] * len(units))
        counts = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)),
                                   shape=(len(docs), len(vocabulary)))
        counts.sum_duplicates()
        df = np.bincount(counts.indices, minlength=len(vocabulary)).astype(np.float32)
        idf = np.log1p((len(docs) - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1.0))
        tf = counts.data
        row_of = np.repeat(np.arange(len(docs)), np.diff(counts.indptr))
        counts.data = (tf * (k1 + 1) / (tf + norm[row_of]) * idf[counts.indices]).astype(np.float32)
        return cls(vocabulary, counts.tocsc(), idf)

    def scores(self, units: list[str], unit_weights: dict[str, float] | None = None) -> np.ndarray:
        """BM25 score of every document; a unit repeated in the question counts once (weights may boost)."""
        columns, values = [], []
        for unit in dict.fromkeys(units):
            column = self.vocabulary.get(unit)
            if column is not None:
                columns.append(column)
                values.append((unit_weights or {}).get(unit, 1.0))
        if not columns:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        return np.asarray(self.weights[:, columns] @ np.array(values, dtype=np.float32)).ravel()

    def arrays(self) -> dict:
        w = self.weights
        terms = sorted(self.vocabulary, key=self.vocabulary.get)
        return {"terms": np.array(terms), "data": w.data, "indices": w.indices, "indptr": w.indptr,
                "shape": np.array(w.shape), "idf": self.idf}

    @classmethod
    def from_arrays(cls, data) -> "LexicalIndex":
        weights = sparse.csc_matrix((data["data"], data["indices"], data["indptr"]), shape=tuple(data["shape"]))
        vocabulary = {str(term): i for i, term in enumerate(data["terms"])}
        return cls(vocabulary, weights, data["idf"])
