"""Text normalisation and the lexical units (character bigrams) shared by indexing and querying."""

import re
import unicodedata

CJK = r"\u3400-\u9fff"
RUN_RE = re.compile(rf"[{CJK}]+|[a-z0-9]+")
# Words that say nothing about the topic of a question ("请问我该怎么办") — dropped from plain questions.
FILLER_RE = re.compile(
    r"请问|你好|您好|怎么办|怎么样|怎么|如何|什么|哪些|哪个|哪里|为什么|是否|可以吗|可不可以|能不能|吗|呢|吧|啊|"
    r"我们|我的|我|他们|他的|她的|他|她|自己|现在|这个|那个|这种|一下|谢谢|法律规定|有关规定|根据哪条法律|"
    r"根据什么法律|依据哪条|哪条法律|法律依据|场景"
)


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, zero-width characters removed."""
    text = unicodedata.normalize("NFKC", text or "")
    return text.replace("\u200b", "").lower()


def bigrams(text: str) -> list[str]:
    """Character bigrams of each CJK run (a lone character stays a unigram); latin/digit runs whole."""
    units: list[str] = []
    for run in RUN_RE.findall(normalize(text)):
        if run[0].isascii():
            units.append(run)
        elif len(run) == 1:
            units.append(run)
        else:
            units.extend(run[i:i + 2] for i in range(len(run) - 1))
    return units


def strip_fillers(question: str) -> str:
    return FILLER_RE.sub(" ", question)
