"""Citation check: every 《…》第X条 of a sentence against the corpus — a law the corpus does not know (national
names only: a local rule or a 通知 may simply not be in it), a repealed or superseded one, an article number
past the law's end, and a quoted text (“…”) that is not the cited article's."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from sifa.lawsearch.corpus.citations import find_citations
from sifa.lawsearch.corpus.numerals import int_to_chinese

from . import Finding
from .corpus import REPEALED, get_index

KIND = "cited_law"
NOT_LAW_NAME = re.compile(r"^(关于|.*(通知|意见|方案|决定|纪要|规划|批复|函|公告|通告|指南|清单|目录|标准|细则|规程)$)")
LOCAL_NAME = re.compile(r"^[\u4e00-\u9fa5]{1,8}(省|市|县|区|自治区|自治州|自治县|盟|旗)")
NATIONAL_SUFFIX = re.compile(r"(法|条例|规定|办法|解释)$")
QUOTE_RE = re.compile(r"[^“\"「。；]{0,10}[“\"「]([^”\"」]{6,400})[”\"」]")
_CLEAN = re.compile(r"[\s，。；：、“”‘’（）()《》,.;:!?！？\u3000]")


def _norm(text: str) -> str:
    return _CLEAN.sub("", text)


def _quote_after(sentence: str, end: int) -> str | None:
    """The quotation right after a citation (“第九条规定：“……””), if any."""
    match = QUOTE_RE.match(sentence, end)
    return match.group(1) if match else None


def _matches(quote: str, article_text: str) -> bool:
    """The quote is the article's text, or one of its paragraphs or sentences, up to punctuation and a few
    characters (a quote that changes 处罚 into 强制 is not)."""
    q, a = _norm(quote), _norm(article_text)
    if not q or q in a:
        return True
    if len(q) < 8:
        return False
    parts = [article_text, *re.split(r"[\n。；]", article_text)]
    return any(SequenceMatcher(None, q, _norm(part), autojunk=False).ratio() >= 0.97 for part in parts if part)


def check(sentence: str, index=None) -> list[Finding]:
    if "《" not in sentence:
        return []
    index = index or get_index()
    findings: list[Finding] = []
    # Laws named without an article (“根据《合同法》”): repealed ones are still worth a finding.
    cited_books = {c.law for c in find_citations(sentence) if c.law}
    for name in re.findall(r"《([^》]{2,60})》", sentence):
        bare = name.removeprefix("中华人民共和国")
        if bare in cited_books or name in cited_books:
            continue
        finding = _law_status(sentence, bare, index, article=None)
        if finding:
            findings.append(finding)
    for citation in find_citations(sentence):
        if not citation.law or citation.article is None:
            continue
        name = citation.law
        label = f"第{int_to_chinese(citation.article)}条" + (f"之{int_to_chinese(citation.sub_number)}"
                                                            if citation.sub_number else "")
        cited_id = f"{name}{label}"
        finding = _law_status(sentence, name, index, article=cited_id)
        if finding:
            findings.append(finding)
            continue
        law = index.find(name)
        if law is None:
            continue
        text = law.articles.get((citation.article, citation.sub_number))
        if text is None:
            findings.append(Finding(KIND, sentence, f"《{law.title}》共{law.last_article}条，没有{label}，"
                                                    "请核对引用的条号。", law.article_id(citation.article,
                                                                                   citation.sub_number)))
            continue
        quote = _quote_after(sentence, citation.start + len(citation.text))
        if quote and not _matches(quote, text):
            elsewhere = next((law.article_id(n, s) for (n, s), t in law.articles.items() if _matches(quote, t)), "")
            hint = f"引文出自{elsewhere}" if elsewhere else "引文在该法中未找到"
            findings.append(Finding(KIND, sentence, f"引用的{law.short_name}{label}与所引条文内容不符（{hint}），"
                                                    "请核对条号或引文。", law.article_id(citation.article,
                                                                                    citation.sub_number)))
    return findings


def _law_status(sentence: str, name: str, index, article: str | None) -> Finding | None:
    """A finding when the named law is unknown (national-looking names only), repealed or superseded."""
    name = name.strip()
    if name in REPEALED:
        when, by = REPEALED[name]
        return Finding(KIND, sentence, f"《{name}》已于{when}废止（由《{by}》取代），不能再作为依据。",
                       article or name)
    law = index.find(name)
    if law is None:
        if NOT_LAW_NAME.match(name) or LOCAL_NAME.match(name) or not NATIONAL_SUFFIX.search(name):
            return None
        return Finding(KIND, sentence, f"法规库中没有名为《{name}》的法律、行政法规或规章，请核对名称（应使用全称或"
                                       "规范简称）。", article or name)
    if law.status == "已废止":
        return Finding(KIND, sentence, f"《{law.title}》已废止，不能再作为依据。", article or law.short_name)
    return None
