"""Chinese line breaking for the PDF (避头尾, GB/T 15834 and common 排版 practice), on reportlab's CJK wrapping.

reportlab breaks CJK text after any character and lets only a few marks (、。」…) hang into the margin: a line
could start with “，”“；”“：”“？”“”” or end with “（”“《”, and a number such as 47.80 could be cut in two. Here a
line breaks at the last place that keeps

- closing marks (，。、；：？！）》」』】〕〉”’…%) and a figure's superscript note (注1) off the start of a line,
- opening marks (（《「『【〔〈“‘) off the end of a line,
- a run of Latin letters and digits (640, 47.80, GB/T) whole,

by carrying characters over to the next line; the shortened line is then spread to the full measure (justified),
as a typesetter does. A run too long for a line is broken where it must.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—%％·,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
FUZZ = 1e-6


def _keeps_together(left: str, right: str) -> bool:
    """Two characters of one Latin/digit run (640, 47.80, 98%)."""
    return (left.isascii() and right.isascii() and (left.isalnum() or left in ".%/")
            and (right.isalnum() or right in ".%/"))


def _is_note(u) -> bool:
    return bool(getattr(u.frag, "rise", 0))


def _break_ok(chars: list, b: int) -> bool:
    """May a line end before chars[b]?"""
    left, right = chars[b - 1], chars[b]
    return not (right in NO_LINE_START or left in NO_LINE_END or _is_note(right) or _keeps_together(left, right))


def break_lines(chars: list, max_widths: list) -> list[tuple[int, int]]:
    """(start, end) index pairs of each line of `chars` (objects with `.width`), honouring 避头尾."""
    lines, start, n = [], 0, len(chars)
    while start < n:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        used, i = 0.0, start
        while i < n and (used + chars[i].width <= max_width + FUZZ or i == start):
            used += chars[i].width
            i += 1
        if i >= n:
            lines.append((start, n))
            break
        b = i
        while b > start + 1 and not _break_ok(chars, b):
            b -= 1
        lines.append((start, b if b > start + 1 or _break_ok(chars, b) else i))
        start = lines[-1][1]
    return lines


def kinsoku_split(frags, max_widths):
    """reportlab's cjkFragSplit with the rules above."""
    chars = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        chars.extend(cjkU(ch, frag, "utf8") for ch in text)
    result = []
    spans = break_lines(chars, max_widths)
    for number, (start, end) in enumerate(spans):
        max_width = max_widths[min(number, len(max_widths) - 1)]
        used = sum(u.width for u in chars[start:end])
        line = makeCJKParaLine(chars[start:end], max_width, used, max_width - used, False, False)
        # Justification spreads a line's spare width over its gaps; CJK text has no spaces, so every gap between
        # two characters is one (see _CharSpacedText).
        line.wordCount = end - start
        result.append(line)
    return ParaLines(kind=1, lines=result)


class _CharSpacedText(PDFTextObject):
    """reportlab justifies a line by word spacing (PDF Tw, which moves only the space character); here the same
    amount goes between characters (Tc), so a justified Chinese line ends exactly at the right margin."""

    def setWordSpace(self, wordSpace):
        self.setCharSpace(wordSpace)


class ChineseParagraph(Paragraph):
    """A Paragraph (style with wordWrap="CJK") whose lines break by 避头尾."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        if not self.frags or (hasattr(self, "blPara") and getattr(self, "_splitpara", 0)):
            return super().breakLinesCJK(maxWidths)  # empty, or the second half of a split: already broken
        return kinsoku_split(self.frags, maxWidths)

    def beginText(self, x, y):
        return _CharSpacedText(self.canv, x, y)

    def split(self, availWidth, availHeight):
        """Split at a page end into two paragraphs of the same text, cut between the lines as they were broken.

        reportlab's own split rebuilds the second half from its lines joined by spaces (a space at the start of
        every line and inside words on the next page). The first half's last line stays justified; the second
        half has no first-line indent."""
        style = self.style
        if not self.frags:
            return super().split(availWidth, availHeight)
        self.wrap(availWidth, availHeight)
        lines = self.blPara.lines
        fit = int((availHeight + FUZZ) // style.leading)
        if fit >= len(lines):
            return [self]
        if fit < 1:
            return []
        count = sum(len(word.text) for line in lines[:fit] for word in line.words)
        head, tail = _cut(self.frags, count)
        first = self.__class__("", style, frags=head)
        first._JustifyLast = True
        rest = self.__class__("", ParagraphStyle(f"{style.name}-cont", parent=style, firstLineIndent=0), frags=tail)
        return [first, rest]


def _cut(frags, count: int) -> tuple[list, list]:
    """`frags` split after `count` characters."""
    head, tail, seen = [], [], 0
    for frag in frags:
        text = frag.text
        if seen >= count:
            tail.append(frag)
        elif seen + len(text) <= count:
            head.append(frag)
        else:
            cut = count - seen
            head.append(frag.clone(text=text[:cut]))
            tail.append(frag.clone(text=text[cut:]))
        seen += len(text)
    return head, tail


class HeavyParagraph(ChineseParagraph):
    """A paragraph drawn with its outlines stroked as well as filled: a Song face made as heavy as the
    小标宋 of a 公文 title (the free faces have no bold)."""

    stroke = 0.45  # pt

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(self.stroke)
        canvas._code.append("2 Tr")  # text render mode: fill, then stroke
        super().draw()
        canvas.restoreState()
