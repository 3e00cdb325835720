"""Demo: the national law corpus shipped with Sifa is imported (articles, versions, citations) and the search
index is built, so the portal's 查法条 answers at once. Importing again changes nothing (idempotent)."""

from sifa.demo.registry import DemoContext, register

from . import actions
from .retrieval.engine import get_engine


def build(ctx: DemoContext):
    report = actions.import_corpus(None)
    engine = get_engine()
    ctx.log(f"法搜：{report.summary().splitlines()[0]} 检索索引{len(engine.docs)}条。")


register("法搜", build, order=90)
