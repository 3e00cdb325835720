"""What a result shows: the passage that matched with the matched words marked, and the services that fit."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PASSAGE_CHARS = 150


def _covered(text: str, terms: list[str]) -> list[bool]:
    covered = [False] * len(text)
    for term in terms:
        start = text.find(term)
        while start != -1:
            for i in range(start, start + len(term)):
                covered[i] = True
            start = text.find(term, start + 1)
    return covered


def highlighted_passage(text: str, terms: list[str]) -> SafeString:
    """The paragraph with most matched characters, cut to a phone-sized length, matches in <mark>."""
    paragraphs = [p for p in text.split("\n") if p] or [""]
    best = max(paragraphs, key=lambda p: sum(_covered(p, terms)))
    covered = _covered(best, terms)
    start = 0
    if len(best) > PASSAGE_CHARS and any(covered):
        start = max(0, covered.index(True) - 20)
    piece, marks = best[start:start + PASSAGE_CHARS], covered[start:start + PASSAGE_CHARS]
    html, open_mark = [], False
    for char, marked in zip(piece, marks, strict=True):
        if marked != open_mark:
            html.append("<mark>" if marked else "</mark>")
            open_mark = marked
        html.append(escape(char))
    if open_mark:
        html.append("</mark>")
    prefix = "…" if start else ""
    suffix = "…" if start + PASSAGE_CHARS < len(best) or len(paragraphs) > 1 else ""
    return mark_safe(prefix + "".join(html) + suffix)


@dataclass(frozen=True)
class ServiceLink:
    label: str
    url: str
    note: str


# (words in the question or the law, service) — disputes between people go to mediation first.
DISPUTE_WORDS = ("纠纷", "邻居", "婚姻", "离婚", "赡养", "抚养", "继承", "借款", "欠", "工资", "劳动", "赔偿", "租",
                 "物业", "合同", "民法典", "劳动合同法", "劳动法")


def services_for(question: str, laws: list[str]) -> list[ServiceLink]:
    """Where a citizen can get help with this question: always legal aid and 12348; mediation for disputes."""
    links = []
    text = question + " ".join(laws)
    candidates = [("申请法律援助", "legalaid_portal:apply", "经济困难的，可申请免费律师代理或咨询"),
                  ("网上法律咨询", "legalaid_portal:ask", "把问题写下来，工作人员答复")]
    if any(word in text for word in DISPUTE_WORDS):
        candidates.insert(0, ("申请人民调解", "mediation_portal:apply", "邻里、婚姻家庭、欠款、劳动报酬等纠纷可免费调解"))
    for label, url_name, note in candidates:
        try:
            links.append(ServiceLink(label, reverse(url_name), note))
        except NoReverseMatch:
            continue
    links.append(ServiceLink("拨打12348法律服务热线", "tel:12348", "律师免费解答；也可问当地律师事务所和法律服务所"))
    return links
