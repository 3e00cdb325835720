"""法搜 retrieval bench: BM25 alone vs the full system on the development sets, latency and index build time.

    python bench/lawsearch_bench.py [--dev-dir DIR] [--split tune|report|all] [--cached] [--limit N]

The development sets (LawBench 3-2 scenario questions, 3-1 criminal facts; see their PROVENANCE.md) sit in
shared/data/legal-retrieval-dev beside the checkout. Queries are split by position: even lines are the
tuning half the ranker's weights were chosen on, odd lines the half reported as development figures
(printed separately so the two are never confused). Facts longer than the search box allows (2,000
characters) are cut to that length, as a user would have to.
"""

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sifa.lawsearch.retrieval.engine import build_engine  # noqa: E402
from sifa.lawsearch.retrieval.search import BM25_ONLY, DEFAULT_WEIGHTS, MAX_QUERY_CHARS, search  # noqa: E402

SETS = {"3-2 scenario questions": "3-2_scene_to_article", "3-1 criminal facts": "3-1_fact_to_criminal_article"}
DEFAULT_DEV = ROOT.parent / "shared" / "data" / "legal-retrieval-dev"
# 43 plain questions in a citizen's words with the articles that answer them, written for this bench (and
# looked at while tuning: a development figure, not a held-out one).
PLAIN = ROOT / "bench" / "data" / "lawsearch_plain_questions.jsonl"


def load_plain() -> list[tuple[str, str, set[str]]]:
    rows = [json.loads(line) for line in PLAIN.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["query_id"], row["question"], set(row["relevant"])) for row in rows]


def load_set(directory: Path, stem: str, split: str) -> list[tuple[str, str, set[str]]]:
    relevant: dict[str, set[str]] = {}
    for line in (directory / f"{stem}.qrels.tsv").read_text(encoding="utf-8").splitlines():
        query_id, _, doc_id, grade = line.split("\t")
        if grade.strip() != "0":
            relevant.setdefault(query_id, set()).add(doc_id)
    queries = []
    for position, line in enumerate((directory / f"{stem}.queries.jsonl").read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        if row["query_id"] not in relevant:
            continue
        if split == "all" or (split == "tune") == (position % 2 == 0):
            queries.append((row["query_id"], row["question"][:MAX_QUERY_CHARS], relevant[row["query_id"]]))
    return queries


def metrics(runs: list[tuple[list[str], set[str]]]) -> dict[str, float]:
    out = {f"R@{k}": 0.0 for k in (1, 5, 10, 100)} | {"MRR@10": 0.0, "nDCG@10": 0.0}
    for ranked, relevant in runs:
        for k in (1, 5, 10, 100):
            out[f"R@{k}"] += len(relevant & set(ranked[:k])) / len(relevant)
        out["MRR@10"] += next((1 / (i + 1) for i, d in enumerate(ranked[:10]) if d in relevant), 0.0)
        dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:10]) if d in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
        out["nDCG@10"] += dcg / ideal
    return {name: value / max(len(runs), 1) for name, value in out.items()}


def evaluate(engine, queries, weights):
    runs, latencies = [], []
    for _query_id, question, relevant in queries:
        started = time.perf_counter()
        result = search(question, top=100, weights=weights, engine=engine)
        latencies.append((time.perf_counter() - started) * 1000)
        runs.append((result.ids, relevant))
    return metrics(runs), latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-dir", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--split", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--cached", action="store_true", help="reuse the index cached under var/cache")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    if not args.dev_dir.exists():
        print(f"development sets not found in {args.dev_dir}: nothing to measure")
        return 0
    cache_dir = ROOT / "var" / "cache" if args.cached else Path(tempfile.mkdtemp())
    started = time.perf_counter()
    engine = build_engine(cache_dir)
    print(f"index: {len(engine.docs)} articles, built/loaded in {time.perf_counter() - started:.1f} s "
          f"(lexical build {engine.build_seconds:.1f} s); semantic vectors shipped for "
          f"{0 if engine.dense is None else len(engine.dense.ids)} articles")
    all_latencies = []
    sets = [(name, load_set(args.dev_dir, stem, args.split)) for name, stem in SETS.items()]
    sets.append(("plain questions written for the bench", load_plain()))
    for name, queries in sets:
        if args.limit:
            queries = queries[: args.limit]
        half = "all" if name.startswith("plain") else f"{args.split} half"
        print(f"\n{name} ({half}: {len(queries)} queries)")
        print(f"{'system':<8}" + "".join(f"{m:>9}" for m in ("R@1", "R@5", "R@10", "R@100", "MRR@10", "nDCG@10")))
        for label, weights in (("BM25", BM25_ONLY), ("full", DEFAULT_WEIGHTS)):
            figures, latencies = evaluate(engine, queries, weights)
            if weights is DEFAULT_WEIGHTS:
                all_latencies += latencies
            print(f"{label:<8}" + "".join(f"{v:>9.3f}" for v in figures.values()))
    all_latencies.sort()
    p95 = all_latencies[int(0.95 * (len(all_latencies) - 1))]
    print(f"\nfull-system query latency: p50 {statistics.median(all_latencies):.1f} ms, p95 {p95:.1f} ms "
          f"over {len(all_latencies)} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
