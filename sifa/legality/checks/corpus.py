"""The law corpus as the citation check needs it: every law of `sifa.lawsearch`'s corpus by short name and by
full title, its status (有效/已修改/已废止), and the articles of its current version.

Built from the same shipped corpus the 法搜 engine reads (`lawsearch.corpus.tree.read_corpus`) and cached under
the var directory, keyed by the corpus file's digest, so a check after the first loads in a fraction of a second.
"""

from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sifa.lawsearch.corpus.tree import SHIPPED_CORPUS, Status, read_corpus

CACHE_VERSION = 1
FULL_PREFIX = "中华人民共和国"

# National laws repealed before the corpus snapshot and therefore absent from it: name → (repealed on, by).
REPEALED = {
    "合同法": ("2021-01-01", "民法典"), "物权法": ("2021-01-01", "民法典"), "担保法": ("2021-01-01", "民法典"),
    "民法通则": ("2021-01-01", "民法典"), "民法总则": ("2021-01-01", "民法典"), "婚姻法": ("2021-01-01", "民法典"),
    "继承法": ("2021-01-01", "民法典"), "收养法": ("2021-01-01", "民法典"), "侵权责任法": ("2021-01-01", "民法典"),
    "城市房屋拆迁管理条例": ("2011-01-21", "国有土地上房屋征收与补偿条例"),
    "劳动教养试行办法": ("2013-12-28", "全国人民代表大会常务委员会关于废止有关劳动教养法律规定的决定"),
    "行政复议条例": ("1999-10-01", "行政复议法"),
    "城市流浪乞讨人员收容遣送办法": ("2003-08-01", "城市生活无着的流浪乞讨人员救助管理办法"),
    "公平竞争审查制度实施细则": ("2024-08-01", "公平竞争审查条例"),
    "企业信息公示暂行条例": ("2024-07-01", "国务院关于修改和废止部分行政法规的决定"),
}


@dataclass
class LawEntry:
    short_name: str
    title: str
    status: str
    level: str
    published: date | None
    articles: dict[tuple[int, int], str] = field(default_factory=dict)
    older: list[date | None] = field(default_factory=list)  # publication dates of superseded versions

    def article_id(self, number: int, sub: int = 0) -> str:
        from sifa.lawsearch.corpus.numerals import int_to_chinese

        return f"{self.short_name}第{int_to_chinese(number)}条" + (f"之{int_to_chinese(sub)}" if sub else "")

    @property
    def last_article(self) -> int:
        return max((n for n, _ in self.articles), default=0)


@dataclass
class LawIndex:
    laws: dict[str, LawEntry]
    titles: dict[str, str]  # full title (without 中华人民共和国) → short name

    def find(self, name: str) -> LawEntry | None:
        name = name.strip().removeprefix(FULL_PREFIX)
        key = self.titles.get(name, name)
        return self.laws.get(key)


def build(root: Path | None = None) -> LawIndex:
    laws: dict[str, LawEntry] = {}
    titles: dict[str, str] = {}
    corpus = read_corpus(root, errors=[])
    corpus.sort(key=lambda law: (law.status != Status.CURRENT, law.parsed.published or date.min))
    for law in corpus:
        parsed = law.parsed
        if law.level in ("案例", "其他"):
            continue
        name = parsed.short_name
        entry = laws.get(name)
        if entry is None:
            entry = laws[name] = LawEntry(name, parsed.title, law.status, law.level, parsed.published)
            for article in parsed.articles:
                entry.articles[(article.number, article.sub_number)] = article.text
        elif law.status == Status.CURRENT and entry.status == Status.CURRENT and parsed.subtitle:
            for article in parsed.articles:  # a multi-part code (民法典): one numbering across the parts
                entry.articles.setdefault((article.number, article.sub_number), article.text)
        else:
            entry.older.append(parsed.published)
        titles.setdefault(parsed.title.removeprefix(FULL_PREFIX), name)
    return LawIndex(laws, titles)


_index: LawIndex | None = None
_lock = threading.Lock()


def _digest(path: Path) -> str:
    from sifa.lawsearch.retrieval.engine import _corpus_digest

    return _corpus_digest(path)


def get_index() -> LawIndex:
    """The shipped corpus's index, cached in memory and on disk."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _load_or_build()
    return _index


def set_index(index: LawIndex | None) -> None:
    """Tests check against a small corpus."""
    global _index
    _index = index


def _load_or_build() -> LawIndex:
    from django.conf import settings

    cache_dir = Path(settings.VAR_DIR) / "cache"
    cache = cache_dir / f"legality-laws-v{CACHE_VERSION}-{_digest(SHIPPED_CORPUS)}.pickle"
    if cache.exists():
        try:
            with cache.open("rb") as handle:  # written below by this module, never from outside
                return pickle.load(handle)  # noqa: S301
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    index = build()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
    except OSError:
        pass
    return index
