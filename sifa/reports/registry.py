"""The work-report registry: what each business line contributes to 一、工作情况 and to the dashboards.

A line declares, in its own `<app>/report.py` (imported when Django starts, like `indicators.py`)::

    from sifa.reports import Paragraph, Sentence, Dashboard, register, register_dashboard

    register(Paragraph(
        "mediation.disputes",                      # stable key: writers' edits are stored under it
        line="人民调解",
        chapter="social_governance",               # a chapter of sifa.reports.chapters (or a Chapter)
        lead="大力排查化解矛盾纠纷",                   # printed as “一是大力排查化解矛盾纠纷。”
        sentences=[
            Sentence("sweep", "截至目前全{地域}各级人民调解组织共开展矛盾纠纷排查{mediation.screenings}次，"
                              "排查发现矛盾纠纷{mediation.screening_found}件，…调解成功率{mediation.success_rate}%。"),
        ],
        order=10,
    ))
    register_dashboard(Dashboard(line="人民调解", key=["mediation.accepted", "mediation.success_rate"],
                                 trend=["mediation.accepted", "mediation.succeeded"],
                                 distribution=["mediation.accepted"]))

The report groups paragraphs by chapter (“(一)推进社会治理法治化工作”), numbers chapters in order and the
paragraphs inside a chapter “一是…二是…” (a chapter of one paragraph has no 一是). Templates are checked when
registered (placeholders parse, context words exist); indicator codes are checked when the report is built, so a
line may register paragraphs before its indicators — a paragraph whose indicators are not all registered is left
out of the report and listed as 待建 in the coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import templating
from .chapters import Chapter, get_chapter

_paragraphs: dict[str, Paragraph] = {}
_dashboards: dict[str, Dashboard] = {}
_generation = [0]  # moves whenever a dashboard is registered or removed (dashboard.py memoises on it)
KEY_MAX = 80


@dataclass(frozen=True)
class Sentence:
    key: str            # stable within its paragraph ("sweep"); edits are stored under "<paragraph>:<key>"
    template: str
    #: Org levels the sentence is written for (default: every level its paragraph is written for).
    levels: tuple = ("office", "county", "city")


@dataclass(frozen=True)
class Paragraph:
    key: str
    line: str
    chapter: str | Chapter
    lead: str
    sentences: tuple = ()
    order: int = 100
    #: Org levels the paragraph is written for: "office" (司法所), "county" (县局), "city" (市局 and above).
    levels: tuple = ("office", "county", "city")
    #: Totals and the indicators that split them (DOMAIN §16: a breakdown must sum to its total), checked on every
    #: report where all of them are printed: (("mediation.accepted", ("mediation.accepted_village", …)), …).
    #: Parts written as one indicator with dimensions ({x[level=…]}) are checked without being declared.
    sums: tuple = ()

    def __post_init__(self):
        if not self.key or len(self.key) > KEY_MAX or ":" in self.key:
            raise ValueError(f"报告段落代码“{self.key}”不规范：不能为空、不能含“:”，不超过{KEY_MAX}个字符。")
        sentences = tuple(s if isinstance(s, Sentence) else Sentence(str(i), s)
                          for i, s in enumerate(self.sentences, start=1))
        keys = [s.key for s in sentences]
        if len(set(keys)) != len(keys) or "lead" in keys:
            raise ValueError(f"报告段落“{self.key}”的句子代码重复（或使用了保留的“lead”）。")
        for s in sentences:
            templating.parse(s.template)  # raises TemplateError with the Chinese reason
        templating.parse(self.lead)
        object.__setattr__(self, "sentences", sentences)
        if isinstance(self.chapter, str):
            get_chapter(self.chapter)  # unknown chapter keys fail at registration

    @property
    def chapter_obj(self) -> Chapter:
        return self.chapter if isinstance(self.chapter, Chapter) else get_chapter(self.chapter)

    def templates(self, level: str = "") -> dict[str, str]:
        """Every editable piece: "lead" and each sentence key → its registered template (for one org level)."""
        return {"lead": self.lead, **{s.key: s.template for s in self.sentences if not level or level in s.levels}}

    def indicator_codes(self) -> list[str]:
        codes = []
        for template in self.templates().values():
            for p in templating.placeholders(template):
                if p.code and p.code not in codes:
                    codes.append(p.code)
        return codes


@dataclass(frozen=True)
class Dashboard:
    """A line's figures on the dashboards: `key` (the big numbers), `trend` (monthly series), `distribution`
    (by township / sub-unit) and `map` (indicators a viewer may colour the map by; default: distribution)."""

    line: str
    key: tuple = ()
    trend: tuple = ()
    distribution: tuple = ()
    map: tuple = ()
    order: int = 100

    def __post_init__(self):
        for name in ("key", "trend", "distribution", "map"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.map:
            object.__setattr__(self, "map", self.distribution)


def register(*paragraphs: Paragraph) -> None:
    """Add paragraphs. The same key registered twice with a different paragraph is a programming error."""
    for p in paragraphs:
        existing = _paragraphs.get(p.key)
        if existing is not None and existing != p:
            raise ValueError(f"报告段落代码“{p.key}”重复登记。")
        _paragraphs[p.key] = p


def register_dashboard(spec: Dashboard) -> None:
    _dashboards[spec.line] = spec
    _generation[0] += 1


def unregister(key: str) -> None:
    """For tests that declare throw-away paragraphs."""
    _paragraphs.pop(key, None)


def unregister_dashboard(line: str) -> None:
    _dashboards.pop(line, None)
    _generation[0] += 1


def generation() -> int:
    return _generation[0]


def paragraphs() -> list[Paragraph]:
    """Every paragraph in report order: by chapter, then by its order inside the chapter."""
    return sorted(_paragraphs.values(), key=lambda p: (p.chapter_obj.order, p.order, p.key))


def get(key: str) -> Paragraph | None:
    for p in paragraphs():
        if p.key == key:
            return p
    return None


def dashboards() -> list[Dashboard]:
    return sorted(_dashboards.values(), key=lambda d: (d.order, d.line))


def autodiscover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("report")


@dataclass
class Coverage:
    """Which paragraphs can be written now (all their indicators registered) and which wait (待建)."""

    ready: list = field(default_factory=list)
    waiting: list = field(default_factory=list)   # (paragraph, missing codes)


def coverage() -> Coverage:
    from sifa.indicators import registry as indicator_registry
    from sifa.indicators.errors import UnknownIndicator

    result = Coverage()
    for p in paragraphs():
        missing = []
        for code in p.indicator_codes():
            try:
                indicator_registry.get(code)
            except UnknownIndicator:
                missing.append(code)
        (result.waiting.append((p, missing)) if missing else result.ready.append(p))
    return result
