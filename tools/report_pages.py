"""Render a work report's PDF pages as PNG images to look at them (typesetting, fonts, line breaks).

    .venv/bin/python tools/report_pages.py --org 341321 --period 2021H1 --date 2021-08-13 --out var/report-pages

Builds the report from the current database (e.g. the demo's), writes report.pdf and page-1.png … with
pdftoppm (Debian's poppler-utils), and prints per page the number of text lines and the longest line in
characters — GB/T 9704 allows 22 lines of 28 characters. docs/report-page-1.png was made this way from the demo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--org", default="341321")
    parser.add_argument("--period", default="2021H1")
    parser.add_argument("--date", default="", help="成文日期 YYYY-MM-DD")
    parser.add_argument("--out", default="var/report-pages")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")
    import django

    django.setup()
    from pypdf import PdfReader

    from sifa.reports import document, export_pdf

    today = dt.date.fromisoformat(args.date) if args.date else None
    pdf = export_pdf.render(document.build(args.org, args.period, today=today))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.pdf").write_bytes(pdf)
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("—")]
        widest = max((sum(0.5 if ch.isascii() else 1 for ch in line) for line in body), default=0)
        print(f"第{number}页：{len(body)}行，最长一行{widest:g}字")
    if not shutil.which("pdftoppm"):
        print("未找到 pdftoppm（apt-get install poppler-utils）：只生成了 report.pdf")
        return 0
    subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(out / "report.pdf"), str(out / "page")], check=True)
    for image in sorted(out.glob("page-*.png")):
        print(image)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
