"""`sifa legality …`: the machine check of drafts from the command line.

    sifa legality check FILE.docx|.pdf|.txt|FOLDER [--format json]

Text output: one block a finding (kind, article, sentence, reason); json: one JSON object a line,
{"kind", "sentence", "reason", "article"} (plus "file" when a folder is checked); nothing for a clean draft.
A file that cannot be read is reported on stderr with the reason, and the exit status is 1.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sifa.legality.checks import DraftUnreadable, check_bytes

SUFFIXES = {".docx", ".pdf", ".txt"}


class Command(BaseCommand):
    help = "合法性审查：对送审稿进行机审（引用法规、无依据设定许可处罚强制收费、减损权利增加义务、公平竞争、形式）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{check}")
        check = sub.add_parser("check", help="检查送审稿（.docx/.pdf/.txt 文件或目录）")
        check.add_argument("paths", nargs="+")
        check.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, **options):
        files, folder = [], False
        for name in options["paths"]:
            path = Path(name)
            if path.is_dir():
                folder = True
                files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"文件不存在：{name}")
        folder = folder or len(files) > 1
        failed = 0
        for path in files:
            try:
                _, findings = check_bytes(path.read_bytes(), path.name)
            except DraftUnreadable as exc:
                failed += 1
                self.stderr.write(f"{path}：{exc}")
                continue
            for finding in findings:
                row = finding.as_dict()
                if folder:
                    row["file"] = str(path)
                if options["format"] == "json":
                    self.stdout.write(json.dumps(row, ensure_ascii=False))
                else:
                    where = f"{path}  " if folder else ""
                    self.stdout.write(f"{where}[{finding.kind}] {finding.article or '—'}\n  原文：{finding.sentence}\n"
                                      f"  理由：{finding.reason}")
        if failed:
            raise CommandError(f"{failed}个文件无法读取。")
