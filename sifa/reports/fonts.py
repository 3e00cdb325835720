"""The faces the PDF work report is set in, from Debian's font packages, embedded (subset) in every PDF.

GB/T 9704 names 方正小标宋简体, 黑体, 楷体_GB2312 and 仿宋_GB2312: commercial faces that a server cannot ship.
The PDF uses the nearest free TrueType faces packaged by Debian (reportlab embeds TrueType outlines only, so the
OpenType/CFF Noto CJK faces cannot be used):

| role | face | package |
| --- | --- | --- |
| title (小标宋-style: a Song face drawn heavier) and body (宋/仿宋-style) | AR PL SungtiL GB | fonts-arphic-gbsn00lp |
| first-level heads (黑体) | WenQuanYi Zen Hei | fonts-wqy-zenhei |
| second-level heads (楷体) | AR PL KaitiM GB | fonts-arphic-gkai00mp |
| characters outside GB 2312 (生僻字 in names) | AR PL UMing CN | fonts-arphic-uming |

No free 仿宋 with simplified glyphs is packaged (cwTeX FangSong covers traditional characters only), so the body
is a light Song. `tools/install_fonts.sh` (run by `make install` and CI) installs the packages; the renderer looks
for the files under settings.SIFA_FONT_DIRS and never downloads anything. Without them the PDF falls back to the
CID font STSong-Light (not embedded: the reader's own Song face) and logs which package is missing.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger("sifa.reports")

CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class Face:
    name: str            # the name registered with reportlab
    file: str            # the file's name, found under SIFA_FONT_DIRS
    package: str         # the Debian package that installs it
    index: int = 0       # sub-font of a .ttc collection


SONG = Face("SifaSong", "gbsn00lp.ttf", "fonts-arphic-gbsn00lp")
HEI = Face("SifaHei", "wqy-zenhei.ttc", "fonts-wqy-zenhei")
KAI = Face("SifaKai", "gkai00mp.ttf", "fonts-arphic-gkai00mp")
RARE = Face("SifaMing", "uming.ttc", "fonts-arphic-uming")
FACES = (SONG, HEI, KAI, RARE)
PACKAGES = tuple(face.package for face in FACES)


@dataclass(frozen=True)
class FontSet:
    """The registered names for each role; all four equal CID_FALLBACK when the packages are missing."""

    title: str
    body: str
    hei: str
    kai: str
    rare: str | None     # the face for characters the role's face lacks (None: nothing to fall back to)
    embedded: bool

    def covers(self, name: str, char: str) -> bool:
        """Whether the face registered as `name` has a glyph for `char` (a CID font is taken to have all)."""
        if not self.embedded:
            return True
        return ord(char) in pdfmetrics.getFont(name).face.charWidths


def _find(file_name: str) -> Path | None:
    for directory in settings.SIFA_FONT_DIRS:
        for root, _dirs, files in os.walk(directory):
            if file_name in files:
                return Path(root) / file_name
    return None


@lru_cache(maxsize=1)
def fonts() -> FontSet:
    """Register the faces once per process and say which names to use."""
    paths = {face: _find(face.file) for face in FACES}
    missing = [face.package for face, path in paths.items() if path is None]
    if missing:
        log.warning("PDF 字体未安装（%s）：改用阅读器自带的宋体，字体不嵌入。请运行 tools/install_fonts.sh。",
                    "、".join(missing))
        if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        return FontSet(CID_FALLBACK, CID_FALLBACK, CID_FALLBACK, CID_FALLBACK, None, embedded=False)
    for face, path in paths.items():
        if face.name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face.name, str(path), subfontIndex=face.index))
    return FontSet(SONG.name, SONG.name, HEI.name, KAI.name, RARE.name, embedded=True)
