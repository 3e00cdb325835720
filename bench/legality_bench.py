"""Machine check benchmark: precision and recall of `sifa.legality.checks` on the clause set, by kind and by
cited article, and the time to check a generated 20-page draft.

    python bench/legality_bench.py [--clauses tests/legality/data/clauses.jsonl] [--pages 20]

The clause set is one JSON object a line: {"text": …, "expected": [{"kind": …, "article": …}, …]} — positive
clauses with the finding a reviewer expects, negative ones with none. A finding counts as a true positive by
kind when the clause expects that kind, by article when it expects that (kind, article). The 20-page draft is
assembled from the clause set's sentences in a 规范性文件's frame (about 700 characters a page); the time is the
median of five checks after the law index is loaded (the index load is printed separately).
Target (issue 17): a 20-page draft in under 2 s.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")


def _tally(got: set, want: set, tp: Counter, fp: Counter, fn: Counter) -> None:
    for key in got | want:
        counter = tp if key in got and key in want else fp if key in got else fn
        counter[key] += 1


def score(clauses, check_text):
    by_kind, by_article = (Counter(), Counter(), Counter()), (Counter(), Counter(), Counter())
    for clause in clauses:
        got = {(f.kind, f.article) for f in check_text(clause["text"])}
        want = {(e["kind"], e["article"]) for e in clause["expected"]}
        _tally({k for k, _ in got}, {k for k, _ in want}, *by_kind)
        _tally(got, want, *by_article)
    return by_kind, by_article


def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def table(title, counts, label=str):
    tp, fp, fn = counts
    keys = sorted(set(tp) | set(fp) | set(fn), key=label)
    print(f"\n{title}")
    print(f"  {'':38} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>9} {'recall':>7}")
    for key in keys:
        p, r = pr(tp[key], fp[key], fn[key])
        print(f"  {label(key):38} {tp[key]:>3} {fp[key]:>3} {fn[key]:>3} {p:>9.2f} {r:>7.2f}")
    p, r = pr(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"  {'ALL':38} {sum(tp.values()):>3} {sum(fp.values()):>3} {sum(fn.values()):>3} {p:>9.2f} {r:>7.2f}")


def twenty_pages(clauses, pages: int) -> str:
    head = "砀山县人民政府关于印发砀山县农村人居环境整治管理办法的通知\n砀政规〔2024〕1号\n各乡镇人民政府：\n"
    body, n, target = [head], 0, pages * 700
    while sum(len(p) for p in body) < target:
        clause = clauses[n % len(clauses)]["text"]
        body.append(f"第{n + 1}条 {clause}\n")
        n += 1
    body.append("本办法自2024年3月1日起施行，有效期5年。")
    return "".join(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clauses", default=str(ROOT / "tests" / "legality" / "data" / "clauses.jsonl"))
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    import django

    django.setup()
    from sifa.legality.checks import check_text
    from sifa.legality.checks.corpus import get_index

    clauses = [json.loads(line) for line in Path(args.clauses).read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    get_index()
    print(f"law index loaded in {time.perf_counter() - started:.2f} s")
    positives = sum(1 for c in clauses if c["expected"])
    print(f"clauses: {len(clauses)} ({positives} positive, {len(clauses) - positives} negative)")
    by_kind, by_article = score(clauses, check_text)
    table("by kind", by_kind)
    table("by (kind, article)", by_article, label=lambda key: f"{key[0]} {key[1] or '—'}")
    draft = twenty_pages(clauses, args.pages)
    times = []
    for _ in range(6):
        started = time.perf_counter()
        findings = check_text(draft)
        times.append(time.perf_counter() - started)
    print(f"\n{args.pages}-page draft ({len(draft)} characters): {len(findings)} findings, "
          f"median {statistics.median(times[1:]):.3f} s (target < 2 s)")


if __name__ == "__main__":
    main()
