"""Reading one LawRefBook Markdown file into a law and its articles.

The format (see data/CORPUS.md): line 1 is the H1 title, an optional second H1 is
a part subtitle (民法典 files), history lines "YYYY年M月D日 <event>" follow, then ``<!-- INFO END -->``; the
body has 编/章/节 as Markdown headings and articles as lines starting "第X条 ". Real files have quirks
(zero-width spaces, full-width spaces, a misplaced space), so the reader is tolerant where the meaning is
unambiguous and strict where a silent guess would corrupt the law: a missing title or INFO END marker, or two
articles with the same number, is an error naming the file and line.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .numerals import NUMERAL_CHARS, chinese_to_int

INFO_END = "<!-- INFO END -->"
ZERO_WIDTH = "\u200b\ufeff"
# "第一条 正文"; the source also has "第一百二十八 条正文" (space misplaced), so one space is needed either
# before or after 条 — a paragraph that merely starts by citing "第三条规定的……" has none.
ARTICLE_RE = re.compile(rf"^第([{NUMERAL_CHARS}]+)(\s?)条(?:之([一二三四五六七八九十]+))?(\s*)")
HEADING_RE = re.compile(r"^(#{2,6})\s*(.+?)\s*$")
HISTORY_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
FILE_DATE_RE = re.compile(r"^(.*?)\((\d{4}-\d{2}-\d{2})\)$")
ITEM_RE = re.compile(r"^（[一二三四五六七八九十]+）")
STRUCTURE_RE = re.compile(r"^第[一二三四五六七八九十百零〇]+\s*(编|分编|章|节)")
ISSUER_RE = re.compile(r"(全国人民代表大会常务委员会|全国人民代表大会|国务院|最高人民法院|最高人民检察院|"
                       r"[\u4e00-\u9fff]{2,12}?人民代表大会常务委员会|[\u4e00-\u9fff]{2,8}?人民政府)")
FULL_TITLE_PREFIX = "中华人民共和国"


class CorpusError(ValueError):
    """A file that cannot be read as a law; the message names the file and the line."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{self.path}" + (f" 第{line}行" if line else "")
        super().__init__(f"{where}：{message}")


@dataclass
class ParsedArticle:
    number: int
    sub_number: int  # 之一 → 1; 0 for an ordinary article
    label: str  # 第一百二十条之一
    line: int
    paragraphs: list[str] = field(default_factory=list)  # 款 and 项 in order; 项 start with （一）
    part: str = ""  # 编
    chapter: str = ""  # 章
    section: str = ""  # 节

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def clauses(self) -> list[dict]:
        """款 with their 项: [{"text": 款, "items": [项, …]}], the shape citations of 第X款第Y项 need."""
        result: list[dict] = []
        for paragraph in self.paragraphs:
            if ITEM_RE.match(paragraph) and result:
                result[-1]["items"].append(paragraph)
            else:
                result.append({"text": paragraph, "items": []})
        return result


@dataclass
class ParsedLaw:
    path: str  # relative to the corpus root, the law's identity in the corpus
    title: str
    subtitle: str
    short_name: str
    folder: str
    published: dt.date | None
    history: list[str]
    preamble: list[str]
    articles: list[ParsedArticle]
    effective: dt.date | None = None
    issuer: str = ""
    level: str = ""


def short_name_for(title: str, file_stem: str, folder: str) -> str:
    """The name citations use: 民法典 for every 民法典 part, else the file's name without its date."""
    if folder.split("/")[0] == "民法典":
        return "民法典"
    match = FILE_DATE_RE.match(file_stem)
    name = match.group(1) if match else file_stem
    if name.startswith(FULL_TITLE_PREFIX) and len(name) > len(FULL_TITLE_PREFIX):
        name = name[len(FULL_TITLE_PREFIX):]
    return name or title.removeprefix(FULL_TITLE_PREFIX)


def _clean(line: str) -> str:
    return line.strip(ZERO_WIDTH + " \t\r\n").replace("\u3000", " ").strip(ZERO_WIDTH)


def _history_dates(history: list[str]) -> tuple[dt.date | None, dt.date | None]:
    published = effective = None
    for entry in history:
        match = HISTORY_RE.match(entry)
        if not match:
            continue
        try:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
        event = match.group(4)
        if "施行" in event and not event.endswith(("通过", "公布")):
            effective = day
        else:
            published = day if published is None or day > published else published
    return published, effective


def parse_text(text: str, path: str, folder: str = "") -> ParsedLaw:
    """Parse one file's text; ``path`` is only used for names and messages."""
    lines = text.splitlines()
    if not lines or not _clean(lines[0]).startswith("# "):
        raise CorpusError(path, 1, "第一行应为“# 法规标题”。")
    title = _clean(lines[0])[2:].strip()
    if not title:
        raise CorpusError(path, 1, "法规标题为空。")
    try:
        info_end = next(i for i, line in enumerate(lines) if _clean(line) == INFO_END)
    except StopIteration:
        raise CorpusError(path, None, f"缺少“{INFO_END}”分隔行（标题和沿革之后、正文之前）。")
    subtitle, history = "", []
    for line in (_clean(line) for line in lines[1:info_end]):
        if line.startswith("# ") and not subtitle:
            subtitle = line[2:].strip()
        elif line:
            history.append(line)

    articles: list[ParsedArticle] = []
    preamble: list[str] = []
    seen: dict[tuple[int, int], int] = {}
    part = chapter = section = ""
    for index in range(info_end + 1, len(lines)):
        line = _clean(lines[index])
        lineno = index + 1
        if not line:
            continue
        if not line.strip("#"):
            continue  # an empty heading ("##") carries nothing
        heading = HEADING_RE.match(line)
        if heading:
            name = re.sub(r"\s+", " ", heading.group(2))
            kind = STRUCTURE_RE.match(name)
            kind = kind.group(1) if kind else ""
            if kind in ("编", "分编"):
                part, chapter, section = name, "", ""
            elif kind == "节":
                section = name
            else:  # 章, 序言, 附则 and other unnumbered headings start a new chapter-level block
                chapter, section = name, ""
            continue
        if line.startswith("#"):
            raise CorpusError(path, lineno, f"无法识别的标题行“{line[:30]}”。")
        match = ARTICLE_RE.match(line)
        if match and not (match.group(2) or match.group(4) or match.end() == len(line)):
            match = None
        if match:
            try:
                number = chinese_to_int(match.group(1))
                sub = chinese_to_int(match.group(3)) if match.group(3) else 0
            except ValueError as exc:
                raise CorpusError(path, lineno, f"条号无法识别：{exc}")
            key = (number, sub)
            label = f"第{match.group(1)}条" + (f"之{match.group(3)}" if sub else "")
            if key in seen:
                raise CorpusError(path, lineno, f"条号“{label}”重复（第{seen[key]}行已有）。")
            seen[key] = lineno
            body = line[match.end():].strip()
            article = ParsedArticle(number, sub, label, lineno, [body] if body else [], part, chapter, section)
            articles.append(article)
        elif articles:
            articles[-1].paragraphs.append(line)
        else:
            preamble.append(line)
    published, effective = _history_dates(history)
    stem = Path(path).stem
    return ParsedLaw(path=path, title=title, subtitle=subtitle, short_name=short_name_for(title, stem, folder),
                     folder=folder, published=published, effective=effective, history=history,
                     preamble=preamble, articles=articles, issuer=issuer_from_history(history))


def issuer_from_history(history: list[str]) -> str:
    for entry in history:
        match = ISSUER_RE.search(entry)
        if match:
            return re.sub(r"^第[一二三四五六七八九十]+届", "", match.group(1))
    return ""


def parse_file(path: Path, root: Path) -> ParsedLaw:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(path.relative_to(root), None, f"不是 UTF-8 编码的文本（{exc.reason}）。")
    relative = path.relative_to(root).as_posix()
    return parse_text(text, relative, folder=str(Path(relative).parent.as_posix()))
