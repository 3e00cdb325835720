"""`sifa laws …`: import a law corpus and search it from the command line.

    sifa laws import [PATH] [--level 规范性文件] [--strict]   导入 LawRefBook 格式的法规目录（不给路径则导入随附的全国法规库）
    sifa laws search "问题" [--top 10] [--format json|text]    检索条文；json 输出 {"query","results":[条文编号…],"message"}
    sifa laws search --batch QUESTIONS.jsonl --out RUN.jsonl   批量检索：每行 {"query_id","question"} → {"query_id","results"}

Searching reads the corpus shipped inside the package (index built on first use), so it answers on a fresh
database too.
"""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sifa.lawsearch import actions
from sifa.lawsearch.retrieval.search import search


class Command(BaseCommand):
    help = "法搜：导入法规库、检索条文。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{import,search}")
        load = sub.add_parser("import", help="导入 LawRefBook 格式的 Markdown 法规目录（同一文件重复导入不会重复写入）")
        load.add_argument("path", nargs="?", default=None, help="目录或单个 .md 文件；省略则导入随附的全国法规库")
        load.add_argument("--level", default=None, help="统一设定效力级别，如“规范性文件”“地方性法规”")
        load.add_argument("--strict", action="store_true", help="任一文件有错即全部不导入")
        find = sub.add_parser("search", help="按问题、法规名称或条文检索")
        find.add_argument("question", nargs="?", default=None)
        find.add_argument("--top", type=int, default=10)
        find.add_argument("--format", choices=("text", "json"), default="text")
        find.add_argument("--batch", default=None, help="每行一个 {\"query_id\",\"question\"} 的 JSONL 文件")
        find.add_argument("--out", default=None, help="批量结果写入的 JSONL 文件（省略则输出到屏幕）")

    def handle(self, *args, **options):
        if options["subcommand"] == "import":
            return self.import_corpus(**options)
        return self.search(**options)

    def import_corpus(self, path=None, level=None, strict=False, **_):
        try:
            report = actions.import_corpus(None, path, level=level, strict=strict)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages))
        self.stdout.write(report.summary())
        if report.errors and not (report.created or report.updated or report.unchanged):
            raise CommandError("没有导入任何法规。")

    def search(self, question=None, top=10, format="text", batch=None, out=None, **_):
        if top < 1 or top > 100:
            raise CommandError("--top 应在1到100之间。")
        if batch:
            return self.search_batch(Path(batch), out, top)
        if question is None:
            raise CommandError("请给出要检索的问题，或用 --batch 指定问题文件。")
        result = search(question, top=top)
        if format == "json":
            payload = {"query": question, "results": result.ids, "message": result.message}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        if result.message:
            self.stdout.write(result.message)
        for rank, hit in enumerate(result.hits, 1):
            self.stdout.write(f"{rank:>2}. {hit.doc.id}〔{hit.doc.level}·{hit.doc.status}〕{hit.doc.text[:60].replace(chr(10), ' ')}")

    def search_batch(self, path: Path, out: str | None, top: int):
        if not path.exists():
            raise CommandError(f"文件“{path}”不存在。")
        questions = []
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                questions.append((str(row["query_id"]), str(row["question"])))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise CommandError(f"{path.name} 第{number}行：应为含 query_id 和 question 的 JSON 对象。")
        lines = [json.dumps({"query_id": query_id, "results": search(question, top=top).ids}, ensure_ascii=False)
                 for query_id, question in questions]
        text = "\n".join(lines) + ("\n" if lines else "")
        if out:
            Path(out).write_text(text, encoding="utf-8")
            self.stdout.write(f"已检索{len(lines)}个问题，结果写入 {out}。")
        else:
            sys.stdout.write(text)
