"""`sifa report`: write the work report (工作总结) of an org and period as .docx (GB/T 9704 layout) and PDF, or
print it; and show which figures of the five seed reports Sifa computes.

    sifa report --org 341321 --period 2021H1 --out 工作总结.docx [--pdf 工作总结.pdf] [--date 2021-08-13] [--as-of 2021-08-13]
    sifa report --org 341321 --period 2021H1                 # prints the report as text
    sifa report --coverage [--format json]                   # every seed: figures produced / 待建 / 非记录
    sifa report --coverage --seed 001 [--format json]        # one seed: each figure, its indicator or the reason
    sifa report --kind annual-rule-of-law --org 341321 --period 2021 --out x.docx   # a report kind (kinds.py)
"""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sifa.indicators.errors import IndicatorError
from sifa.indicators.periods import PERIOD_FORMS_HELP
from sifa.reports import actions, coverage, document, export_docx, export_pdf, kinds


class 错误(CommandError):  # noqa: N801 - Django prints “<class name>: <message>”, so errors read “错误: …”
    pass


def _output_path(value: str, suffix: str, option: str) -> Path:
    path = Path(value)
    if path.suffix.lower() != suffix:
        raise 错误(f"{option} 的文件名应以 {suffix} 结尾：{value}", returncode=2)
    if not path.parent.exists():
        raise 错误(f"目录不存在：{path.parent}", returncode=2)
    return path


class Command(BaseCommand):
    help = "生成工作总结（.docx 公文格式、PDF 或文本）；--coverage 列出各种子报告的数字覆盖情况。"

    def add_arguments(self, parser):
        parser.add_argument("--org", help="机构代码（如 341321-SFJ）或行政区划代码（如 341321）")
        parser.add_argument("--period", help="统计期间：" + PERIOD_FORMS_HELP)
        parser.add_argument("--out", help="输出 .docx 文件（党政机关公文格式）")
        parser.add_argument("--pdf", help="输出 PDF 文件")
        parser.add_argument("--date", help="成文日期（年-月-日），默认为已保存的日期或今天")
        parser.add_argument("--as-of", dest="as_of",
                            help="数据截至日期（年-月-日）：“截至目前”“至今”“目前”的句子自年初统计至该日；默认为成文日期")
        parser.add_argument("--kind", default="",
                            help="报告类型：" + "、".join(f"{k.key}（{k.name}）" for k in kinds.kinds())
                                 + "；不给则为工作总结")
        parser.add_argument("--user", default="", help="以该账号的数据范围生成（账号须能查看工作总结）")
        parser.add_argument("--coverage", action="store_true",
                            help="列出各种子报告的数字由指标计算、待建或不来自记录的个数；与 --seed 合用列出逐项清单")
        parser.add_argument("--seed", help="--coverage 的种子报告编号：" + "、".join(coverage.SEEDS))
        parser.add_argument("--format", choices=["table", "json"], default="table", help="--coverage 的输出格式")

    def handle(self, *args, **o):
        if o["coverage"]:
            return self.print_coverage(o["format"], o["seed"])
        if not o["org"] or not o["period"]:
            raise 错误("请同时给出 --org（机构）和 --period（统计期间），例如：sifa report --org 341321 --period 2021H1 "
                     "--out 工作总结.docx", returncode=2)
        docx_path = _output_path(o["out"], ".docx", "--out") if o["out"] else None
        pdf_path = _output_path(o["pdf"], ".pdf", "--pdf") if o["pdf"] else None
        user = self._user(o["user"])
        today = self._date(o["date"])
        as_of = self._date(o["as_of"], "数据截至日期") or today
        try:
            if o["kind"]:
                doc = kinds.build(o["kind"], o["org"], o["period"], user=user, today=today, as_of=as_of)
            else:
                doc = document.build(o["org"], o["period"], user=user, today=today, as_of=as_of)
        except IndicatorError as exc:
            raise 错误(str(exc), returncode=2)
        if o["date"]:
            doc.signed_on = today
        if docx_path is None and pdf_path is None:
            self.stdout.write(doc.plain_text())
        for path, fmt, render in ((docx_path, "docx", export_docx.render), (pdf_path, "pdf", export_pdf.render)):
            if path is not None:
                path.write_bytes(render(doc))
                if doc.kind is not None:
                    actions.record_kind_export(user, doc, fmt, cli=True)
                else:
                    actions.record_export(user, doc, fmt, cli=True)
                self.stdout.write(f"已生成：{path}")
        figures = doc.figures
        if docx_path or pdf_path:
            self.stdout.write(doc.basis)
        self.stdout.write(f"{doc.title}：{len(figures)}个数字由指标计算"
                          + (f"，其中{len(doc.overrides)}个经人工修改" if doc.overrides else "")
                          + (f"，{sum(1 for f in figures if f.missing)}个无法计算（见附注）" if any(
                              f.missing for f in figures) else "") + "。")
        for paragraph, reason in doc.waiting:
            self.stdout.write(f"  未写入：“{paragraph.lead}”（{paragraph.line}）——{reason}")
        for warning in doc.warnings:
            self.stdout.write(f"  提示：{warning}")

    def _user(self, username):
        if not username:
            return None
        from sifa.core.models import User
        from sifa.reports.permissions import can_view_report

        user = User.objects.filter(username=username, is_active=True).select_related("org").first()
        if user is None:
            raise 错误(f"账号“{username}”不存在或已停用。", returncode=2)
        if not can_view_report(user):
            raise 错误(f"账号“{username}”的角色不能查看工作总结。", returncode=2)
        return user

    def _date(self, value, label="成文日期"):
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise 错误(f"{label}“{value}”不正确：应为 年-月-日，如 2021-08-13。", returncode=2)

    def print_coverage(self, fmt, seed=None):
        if seed is not None:
            try:
                seeds = [coverage.load(seed)]
            except coverage.UnknownSeed as exc:
                raise 错误(str(exc), returncode=2)
        else:
            seeds = coverage.load_all()
        unregistered = {(f.seed, f.text) for s in seeds for f in coverage.unregistered(s.seed)}
        if fmt == "json":
            payload = [self._seed_json(s, unregistered) for s in seeds]
            self.stdout.write(json.dumps(payload[0] if seed is not None else payload, ensure_ascii=False, indent=2))
            return
        if seed is None:
            self.stdout.write("种子报告的数字覆盖情况（由指标计算 / 待建 / 不来自记录）：")
            totals = dict.fromkeys(("total", "produced", "waiting", "narrative"), 0)
            for s in seeds:
                c = s.counts()
                for key in totals:
                    totals[key] += c[key]
                self.stdout.write(f"  [{s.seed}] {s.title}：共{c['total']}个，由指标计算{c['produced']}个，"
                                  f"待建{c['waiting']}个，不来自记录{c['narrative']}个")
            self.stdout.write(f"  合计：共{totals['total']}个，由指标计算{totals['produced']}个，待建{totals['waiting']}个，"
                              f"不来自记录{totals['narrative']}个")
            if unregistered:
                self.stdout.write(f"  指标未登记！{len(unregistered)}个数字的指标代码不在指标库中。")
            self.stdout.write("逐项清单：sifa report --coverage --seed 000（或 001、002、003、004）")
            return
        s = seeds[0]
        self.stdout.write(coverage.summary(s.seed))
        self.stdout.write(f"{s.title}（{s.org}，{s.period}，截至{s.as_of:%Y-%m-%d}）")
        for c in coverage.by_line(s.seed):
            self.stdout.write(f"\n{c.line}：{len(c.covered)}/{c.total}")
            for f in c.covered:
                where = "".join(f"[{k}={v}]" for k, v in f.dims.items()) + (f"（{f.period}）" if f.period else "")
                mark = (("（指标未登记！）" if (f.seed, f.text) in unregistered else "")
                        + ("" if f.demo else "（演示数据未含）" if f.seed == coverage.DEFAULT_SEED else "（无夹具数据）"))
                self.stdout.write(f"  ✔ {f.text}  ← {f.indicator}{where}{mark}")
            for f in c.waiting:
                self.stdout.write(f"  · {f.text}  ← {coverage.WAITING}" + (f"：{f.note}" if f.note else ""))
            for f in c.narrative:
                self.stdout.write(f"  ○ {f.text}  ← {coverage.NARRATIVE}" + (f"：{f.note}" if f.note else ""))

    @staticmethod
    def _seed_json(s, unregistered):
        return {"seed": s.seed, "title": s.title, "org": s.org, "period": s.period, "as_of": s.as_of.isoformat(),
                **s.counts(),
                "lines": [{"line": c.line, "covered": len(c.covered), "total": c.total,
                           "figures": [{"text": f.text, "shown": f.shown, "value": f.value, "unit": f.unit,
                                        "indicator": f.indicator, "dims": f.dims, "period": f.period,
                                        "to_date": f.to_date, "demo": f.demo, "note": f.note,
                                        "status": "produced" if f.covered else "waiting" if f.waiting else "narrative",
                                        "registered": f.covered and (f.seed, f.text) not in unregistered}
                                       for f in c.covered + c.waiting + c.narrative]}
                          for c in coverage.by_line(s.seed)]}
