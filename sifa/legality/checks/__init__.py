"""The machine check of a draft (DOMAIN.md §11 智能化; issue 17 “machine checks”): reads the text and lists
findings, each with the sentence, a reason and the superior article concerned. Findings are hints for the
reviewer, who accepts or dismisses each; they never decide alone.

    from sifa.legality.checks import check_text, check_file
    check_file(Path("draft.docx"))   → [Finding(kind="no_basis_penalty", sentence=…, reason=…, article="行政处罚法第十六条")]

Kinds: cited_law, no_basis_license, no_basis_penalty, no_basis_enforcement, no_basis_fee, rights_obligations,
competition, form. Articles are ids of the law corpus (`sifa.lawsearch`): short name + article label.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .reading import DraftUnreadable, read_bytes  # noqa: F401

KINDS = ("cited_law", "no_basis_license", "no_basis_penalty", "no_basis_enforcement", "no_basis_fee",
         "rights_obligations", "competition", "form")


@dataclass(frozen=True)
class Finding:
    kind: str
    sentence: str
    reason: str
    article: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def check_text(text: str, index=None) -> list[Finding]:
    """Every finding of a draft's text, in the order of the text (citations, powers, competition, form)."""
    from . import citations, form, rules
    from .sentences import split

    sentences = split(text)
    found: list[tuple[int, Finding]] = []
    for position, sentence in enumerate(sentences):
        for finding in citations.check(sentence, index=index):
            found.append((position, finding))
        for finding in rules.check(sentence):
            found.append((position, finding))
    for finding in form.check(text, sentences):
        found.append((len(sentences), finding))
    seen, result = set(), []
    for _, finding in sorted(found, key=lambda pair: pair[0]):
        key = (finding.kind, finding.sentence, finding.article)
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result


def check_bytes(data: bytes, name: str, index=None) -> tuple[str, list[Finding]]:
    text = read_bytes(data, name)
    return text, check_text(text, index=index)


def check_file(path: Path, index=None) -> list[Finding]:
    path = Path(path)
    return check_bytes(path.read_bytes(), path.name, index=index)[1]
