"""The chapters (“(一)…” heads) of 一、工作情况. A line's paragraph names the chapter it belongs to; the heads
follow seed [000] (砀山县司法局2021年上半年工作总结). A line that fits none registers its own with
`register_chapter(Chapter("key", "…", order=…))`. Titles may use the context words of templating ({地域}…)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    order: int = 100


_chapters: dict[str, Chapter] = {}


def register_chapter(chapter: Chapter) -> Chapter:
    existing = _chapters.get(chapter.key)
    if existing is not None and existing != chapter:
        raise ValueError(f"报告章节“{chapter.key}”重复登记。")
    _chapters[chapter.key] = chapter
    return chapter


def get_chapter(key: str) -> Chapter:
    try:
        return _chapters[key]
    except KeyError:
        known = "、".join(_chapters)
        raise ValueError(f"报告章节“{key}”不存在。已有章节：{known}；新章节请先 register_chapter。")


def chapters() -> list[Chapter]:
    return sorted(_chapters.values(), key=lambda c: (c.order, c.key))


for _chapter in (
    Chapter("public_legal_service", "推进公共法律服务提档升级", 10),      # 法律援助、公证、12348
    Chapter("rule_of_law_publicity", "推进司法行政法治化建设", 20),       # 普法、法治阵地、法治宣传
    Chapter("social_governance", "推进社会治理法治化工作", 30),           # 人民调解、社区矫正、安置帮教
    Chapter("law_based_governance", "全面推进依法治{地域}工作", 40),       # 合法性审查、执法监督、复议、应诉
    Chapter("legal_services", "优化细化便民法律服务", 50),               # 律师、基层法律服务
    Chapter("team", "认真加强队伍建设", 60),                           # 队伍建设、智慧矫正排查
):
    register_chapter(_chapter)
