"""Splitting a draft into sentences: at 。！？；, line ends and numbered items, keeping the sentence text as the
reviewer will look it up in the draft."""

import re

SPLIT_RE = re.compile(r"(?<=[。！？；!?;])(?![”’」』）)])|(?<=[。！？；][”’」』])|\n+")
MAX_SENTENCE = 400


def split(text: str) -> list[str]:
    sentences = []
    for part in SPLIT_RE.split(text.replace("\r", "\n")):
        part = part.strip().strip("\u3000 \t")
        if len(part) < 2:
            continue
        while len(part) > MAX_SENTENCE:  # a run-on paragraph without stops: cut at a comma near the limit
            cut = max(part.rfind("，", 0, MAX_SENTENCE), part.rfind(",", 0, MAX_SENTENCE))
            cut = cut + 1 if cut > MAX_SENTENCE // 2 else MAX_SENTENCE
            sentences.append(part[:cut])
            part = part[cut:]
        if part:
            sentences.append(part)
    return sentences
