"""A whole corpus: a LawRefBook folder a user names, or the national corpus shipped inside the package.

Besides reading each file, this decides what no single file says: the level (宪法/法律/行政法规/…), which
version of a law is current and the status of the others. ``index.csv`` (upstream metadata, shipped with the
national corpus) is used when present; a bare folder falls back to the folder names.
"""

import csv
import io
import tarfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .markdown import CorpusError, ParsedLaw, parse_file, parse_text

SHIPPED_CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus.tar.xz"
SKIPPED_FILES = {"_index.md", "法律法规模版.md"}
NOT_STATUTES = {"案例", "其他"}
FOLDER_LEVELS = {"宪法": "宪法", "行政法规": "行政法规", "司法解释": "司法解释", "部门规章": "部门规章",
                 "案例": "案例", "其他": "其他", "DLC": "地方性法规"}


class Status:
    CURRENT = "有效"
    AMENDED = "已修改"
    REPEALED = "已废止"


@dataclass
class CorpusLaw:
    """A parsed law plus what the corpus as a whole says about it."""

    parsed: ParsedLaw
    level: str
    status: str = Status.CURRENT
    expired_upstream: bool = False

    @property
    def version_key(self) -> tuple[str, str]:
        """Versions of one law share this key (民法典's eight parts are parts, not versions)."""
        return (self.parsed.short_name, self.parsed.subtitle)

    @property
    def searchable(self) -> bool:
        return self.status == Status.CURRENT and self.level not in NOT_STATUTES and bool(self.parsed.articles)


def level_for(folder: str, title: str) -> str:
    top = folder.split("/")[0] if folder else ""
    if top in FOLDER_LEVELS:
        return FOLDER_LEVELS[top]
    if "地方性法规" in folder or "地方法规" in folder:
        return "地方性法规"
    if title.endswith(("解释", "规定", "批复")) and ("最高人民法院" in title or "最高人民检察院" in title):
        return "司法解释"
    return "法律"


def _read_index(text: str) -> dict[str, dict]:
    return {row["path"]: row for row in csv.DictReader(io.StringIO(text))}


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def iter_directory(root: Path) -> Iterator[tuple[str, str | Path]]:
    """(relative path, file) for every law file under root, in a stable order."""
    for path in sorted(root.rglob("*.md")):
        if path.name not in SKIPPED_FILES:
            yield path.relative_to(root).as_posix(), path


def read_corpus(root: Path | None = None, errors: list | None = None) -> list[CorpusLaw]:
    """Parse every law of a folder (or the shipped corpus when root is None).

    With ``errors`` given, unreadable files are collected there and skipped; without it the first one raises.
    """
    if root is None:
        files, index = _shipped_files()
        parsed_laws = []
        for relative, text in files:
            try:
                parsed_laws.append(parse_text(text, relative, folder=str(Path(relative).parent.as_posix())))
            except CorpusError as exc:
                if errors is None:
                    raise
                errors.append(exc)
    else:
        root = Path(root)
        if not root.exists():
            raise CorpusError(root, None, "路径不存在。")
        index_file = next((p for p in (root / "index.csv", root.parent / "index.csv") if p.exists()), None)
        index = _read_index(index_file.read_text(encoding="utf-8-sig")) if index_file else {}
        if root.is_file():
            entries = [(root.name, root)]
            root = root.parent
        else:
            entries = list(iter_directory(root))
        parsed_laws = []
        for _relative, path in entries:
            try:
                parsed_laws.append(parse_file(path, root))
            except CorpusError as exc:
                if errors is None:
                    raise
                errors.append(exc)
    return assign_status([_with_metadata(law, index) for law in parsed_laws])


def _with_metadata(law: ParsedLaw, index: dict[str, dict]) -> CorpusLaw:
    row = index.get(law.path)
    level = (row or {}).get("level") or level_for(law.folder, law.title)
    if row:
        law.published = _parse_date(row.get("publish", "")) or law.published
        law.effective = _parse_date(row.get("valid_from", "")) or law.effective
    if law.effective is None:
        law.effective = law.published
    return CorpusLaw(parsed=law, level=level, expired_upstream=(row or {}).get("expired") == "1")


def assign_status(laws: list[CorpusLaw]) -> list[CorpusLaw]:
    """The latest publication of each law is current; older ones are 已修改, a lone expired one 已废止.

    Copies of the same version in two folders (广告法 in 行政法/ and 经济法/) keep one current copy.
    """
    groups: dict[tuple, list[CorpusLaw]] = defaultdict(list)
    for law in laws:
        groups[law.version_key].append(law)
    for versions in groups.values():
        versions.sort(key=lambda law: (law.parsed.published or date.min, law.parsed.path), reverse=True)
        for position, law in enumerate(versions):
            if position == 0:
                law.status = Status.REPEALED if law.expired_upstream and len(versions) == 1 else Status.CURRENT
            else:
                law.status = Status.AMENDED
    return laws


@lru_cache(maxsize=1)
def _shipped_files() -> tuple[list[tuple[str, str]], dict[str, dict]]:
    files, index = [], {}
    with tarfile.open(SHIPPED_CORPUS, "r:xz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            data = archive.extractfile(member).read().decode("utf-8-sig")
            if member.name == "index.csv":
                index = _read_index(data)
            elif member.name.endswith(".md") and Path(member.name).name not in SKIPPED_FILES:
                files.append((member.name.removeprefix("lawrefbook/"), data))
    files.sort()
    return files, index
