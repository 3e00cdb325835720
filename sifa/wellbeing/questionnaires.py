"""Questionnaires as data, and their scoring.

A definition (JSON, or an xlsx sheet of items) names the scale's items, its factors (item → factor), the
answer range, the lowest score that makes an item 阳性, and the positive-screen rules. The package ships SCL-90's
structure with placeholder wording (“第N题”) in data/scl90.json; the bureau loads the real wording, which is
under copyright, with `sifa wellbeing load-questionnaire FILE`.

SCL-90 (Derogatis, Lipman & Covi 1973; Chinese version revised by 吴文源, national norms 金华、吴文源、张明园
1986): 90 items scored 1–5; ten factors — 躯体化 1,4,12,27,40,42,48,49,52,53,56,58; 强迫症状
3,9,10,28,38,45,46,51,55,65; 人际关系敏感 6,21,34,36,37,41,61,69,73; 抑郁 5,14,15,20,22,26,29,30,31,32,54,71,79;
焦虑 2,17,23,33,39,57,72,78,80,86; 敌对 11,24,63,67,74,81; 恐怖 13,25,47,50,70,75,82; 偏执 8,18,43,68,76,83;
精神病性 7,16,35,62,77,84,85,87,88,90; 其他（睡眠及饮食）19,44,59,60,64,66,89. The table was checked against the
published scoring key (the SCL-90-R table of awell-health/awell-score and Chinese scoring sheets, which agree).
总分 = sum of the 90 answers; 阳性项目数 = items scored ≥ 2; 因子分 = factor sum ÷ its number of items.
Positive screen (国内常模的通行解释): total > 160, or positive items > 43, or any factor score ≥ 2. Some sheets
write “任一因子分超过2分”; the rule is data, so a bureau that reads it as > 2 changes "op" in its file.

Comparisons are exact (fractions), so a factor mean of exactly 2 is ≥ 2 whatever the rounding of the display.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from django.core.exceptions import ValidationError

BUILTIN = Path(__file__).resolve().parent / "data" / "scl90.json"
MEASURES = {"total": "总分", "positive_items": "阳性项目数", "factor_mean": "因子分", "total_mean": "总均分"}
OPS = {">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b}


@dataclass(frozen=True)
class Scale:
    """A questionnaire's structure, independent of the database (scoring is pure)."""

    code: str
    name: str
    items: dict[int, str]                       # number → wording
    factors: list[tuple[str, str, tuple[int, ...]]]  # (code, name, item numbers)
    scale_min: int = 1
    scale_max: int = 5
    labels: tuple[str, ...] = ()
    positive_item_min: int = 2
    rules: tuple[dict, ...] = ()
    instructions: str = ""
    source: str = ""

    @property
    def numbers(self) -> list[int]:
        return sorted(self.items)


@dataclass
class Result:
    total: int
    positive_items: int
    factor_sums: dict[str, int]
    factor_means: dict[str, Fraction]
    positive: bool
    reasons: list[str] = field(default_factory=list)

    def factor_means_text(self) -> dict[str, str]:
        """Factor means rounded to two decimals, for storing and showing."""
        return {code: f"{float(mean):.2f}" for code, mean in self.factor_means.items()}


# --- definitions ----------------------------------------------------------------------------------------------


def _int(value, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValidationError(f"{label}应为整数。")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(f"{label}“{value}”不是整数。")
    return number


def parse_definition(data) -> Scale:
    """Validate a questionnaire definition (the JSON shape of data/scl90.json); a ValidationError names the
    first problem in Chinese."""
    if not isinstance(data, dict):
        raise ValidationError("量表定义应为一个 JSON 对象。")
    code = str(data.get("code") or "").strip()
    name = str(data.get("name") or "").strip()
    if not code or len(code) > 30:
        raise ValidationError("量表定义缺少量表代码（code），或超过30个字符。")
    if not name or len(name) > 100:
        raise ValidationError("量表定义缺少量表名称（name），或超过100个字。")
    scale = data.get("scale") or {}
    if not isinstance(scale, dict):
        raise ValidationError("scale 应为对象，如 {\"min\": 1, \"max\": 5}。")
    low, high = _int(scale.get("min", 1), "最低分"), _int(scale.get("max", 5), "最高分")
    if not 0 <= low < high <= 10:
        raise ValidationError(f"评分范围{low}至{high}不正确：应为0至10之间、最低分小于最高分。")
    labels = tuple(str(x) for x in (scale.get("labels") or ()))
    if labels and len(labels) != high - low + 1:
        raise ValidationError(f"选项文字有{len(labels)}个，与评分范围{low}至{high}的{high - low + 1}级不符。")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise ValidationError("量表定义缺少题目（items）。")
    items: dict[int, str] = {}
    for index, raw in enumerate(raw_items, start=1):
        if not isinstance(raw, dict):
            raise ValidationError(f"第{index}个题目应为对象，如 {{\"number\": 1, \"text\": \"……\"}}。")
        number = _int(raw.get("number"), f"第{index}个题目的题号")
        text = str(raw.get("text") or "").strip()
        if number < 1:
            raise ValidationError(f"第{index}个题目的题号“{number}”应为正整数。")
        if number in items:
            raise ValidationError(f"题号{number}重复。")
        if not text or len(text) > 200:
            raise ValidationError(f"第{number}题缺少题目文字，或超过200个字。")
        items[number] = text
    if sorted(items) != list(range(1, len(items) + 1)):
        raise ValidationError(f"题号应从1连续编到{len(items)}。")
    factors, seen = [], {}
    for index, raw in enumerate(data.get("factors") or [], start=1):
        if not isinstance(raw, dict) or not str(raw.get("code") or "").strip() or not str(raw.get("name") or "").strip():
            raise ValidationError(f"第{index}个因子缺少代码（code）或名称（name）。")
        numbers = raw.get("items")
        if not isinstance(numbers, list) or not numbers:
            raise ValidationError(f"因子“{raw['name']}”没有题目。")
        numbers = tuple(_int(n, f"因子“{raw['name']}”的题号") for n in numbers)
        for n in numbers:
            if n not in items:
                raise ValidationError(f"因子“{raw['name']}”的第{n}题不在量表题目中。")
            if n in seen:
                raise ValidationError(f"第{n}题同时属于因子“{seen[n]}”和“{raw['name']}”。")
            seen[n] = raw["name"]
        factors.append((str(raw["code"]).strip(), str(raw["name"]).strip(), numbers))
    if len({f[0] for f in factors}) != len(factors):
        raise ValidationError("因子代码重复。")
    rules = []
    for index, raw in enumerate(data.get("rules") or [], start=1):
        if not isinstance(raw, dict) or raw.get("measure") not in MEASURES or raw.get("op") not in OPS:
            raise ValidationError(f"第{index}条筛查规则不正确：measure 应为 {'、'.join(MEASURES)} 之一，"
                                  f"op 应为 {'、'.join(OPS)} 之一。")
        try:
            value = Fraction(str(raw.get("value")))
        except (ValueError, ZeroDivisionError):
            raise ValidationError(f"第{index}条筛查规则的界值“{raw.get('value')}”不是数字。")
        rules.append({"measure": raw["measure"], "op": raw["op"], "value": str(value),
                      "label": str(raw.get("label") or f"{MEASURES[raw['measure']]}{raw['op']}{raw.get('value')}")})
    positive_min = _int(data.get("positive_item_min", low + 1), "阳性项目最低分")
    if not low <= positive_min <= high:
        raise ValidationError(f"阳性项目最低分{positive_min}不在评分范围{low}至{high}内。")
    return Scale(code=code, name=name, items=items, factors=factors, scale_min=low, scale_max=high, labels=labels,
                 positive_item_min=positive_min, rules=tuple(rules),
                 instructions=str(data.get("instructions") or "")[:2000], source=str(data.get("source") or ""))


def builtin_definition() -> dict:
    return json.loads(BUILTIN.read_text(encoding="utf-8"))


def builtin_scale() -> Scale:
    return parse_definition(builtin_definition())


def read_file(path) -> dict:
    """A definition from a JSON file, or wording from an xlsx file (columns 题号, 题目) applied to the shipped
    structure of the same scale (the sheet's title or a 量表代码 cell names it; SCL-90 by default)."""
    path = Path(path)
    if not path.exists():
        raise ValidationError(f"文件“{path.name}”不存在。")
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(f"文件“{path.name}”不是有效的 UTF-8 JSON：{exc}")
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise ValidationError(f"不支持的文件类型“{suffix or '无扩展名'}”：请提供 .json 或 .xlsx 文件。")


def _read_xlsx(path: Path) -> dict:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise ValidationError(f"文件“{path.name}”不是有效的 xlsx 工作簿。")
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    if not rows:
        raise ValidationError("工作表是空的。")
    header = [str(c or "").strip() for c in rows[0]]
    if "题号" not in header or "题目" not in header:
        raise ValidationError("工作表第一行应有“题号”“题目”两列。")
    number_col, text_col = header.index("题号"), header.index("题目")
    definition = builtin_definition()
    wording = {}
    for line, row in enumerate(rows[1:], start=2):
        if row is None or all(c in (None, "") for c in row):
            continue
        try:
            number = int(str(row[number_col]).strip())
        except (TypeError, ValueError, IndexError):
            raise ValidationError(f"第{line}行的题号“{row[number_col] if len(row) > number_col else ''}”不是整数。")
        if number in wording:
            raise ValidationError(f"第{line}行：题号{number}重复。")
        wording[number] = str(row[text_col] or "").strip() if len(row) > text_col else ""
    expected = {item["number"] for item in definition["items"]}
    missing = sorted(expected - set(wording))
    extra = sorted(set(wording) - expected)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"缺少第{_numbers(missing)}题")
        if extra:
            parts.append(f"多出第{_numbers(extra)}题")
        raise ValidationError(f"{definition['code']}应有{len(expected)}题：" + "，".join(parts) + "。")
    for item in definition["items"]:
        item["text"] = wording[item["number"]]
    return definition


def _numbers(numbers: list[int], limit: int = 10) -> str:
    shown = "、".join(str(n) for n in numbers[:limit])
    return shown + ("等" if len(numbers) > limit else "")


# --- scoring --------------------------------------------------------------------------------------------------


def clean_answers(scale: Scale, answers) -> dict[int, int]:
    """{item number: score} from a dict (number or “q12” keys) or a list in item order; every item must be
    answered with a whole number in the scale's range. A ValidationError lists what is wrong, in Chinese."""
    if isinstance(answers, list | tuple):
        answers = {i + 1: v for i, v in enumerate(answers)}
    if not isinstance(answers, dict):
        raise ValidationError("答卷格式不正确。")
    given: dict[int, object] = {}
    for key, value in answers.items():
        text = str(key).strip().lower().lstrip("q")
        if not text.isdigit():
            raise ValidationError(f"答卷中有无法识别的题号“{key}”。")
        given[int(text)] = value
    unknown = sorted(n for n in given if n not in scale.items)
    if unknown:
        raise ValidationError(f"{scale.name}没有第{_numbers(unknown)}题（共{len(scale.items)}题）。")
    errors, cleaned, missing = [], {}, []
    for number in scale.numbers:
        value = given.get(number)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(number)
            continue
        try:
            if isinstance(value, bool):
                raise ValueError
            score = int(str(value).strip())
            if isinstance(value, float) and value != score:
                raise ValueError
        except ValueError:
            errors.append(f"第{number}题的答案“{value}”不是{scale.scale_min}至{scale.scale_max}之间的整数")
            continue
        if not scale.scale_min <= score <= scale.scale_max:
            errors.append(f"第{number}题的答案“{value}”不在{scale.scale_min}至{scale.scale_max}之间")
            continue
        cleaned[number] = score
    if missing:
        errors.insert(0, f"第{_numbers(missing)}题未作答（共{len(missing)}题），请答完全部{len(scale.items)}题")
    if errors:
        raise ValidationError("；".join(errors[:5]) + ("等" if len(errors) > 5 else "") + "。")
    return cleaned


def _measure_values(result: Result, scale: Scale, measure: str) -> list[tuple[str, Fraction]]:
    if measure == "total":
        return [("", Fraction(result.total))]
    if measure == "positive_items":
        return [("", Fraction(result.positive_items))]
    if measure == "total_mean":
        return [("", Fraction(result.total, len(scale.items)))]
    names = {code: name for code, name, _ in scale.factors}
    return [(names[code], mean) for code, mean in result.factor_means.items()]


def score(scale: Scale, answers) -> Result:
    """Total, positive items, factor sums and means, and the positive-screen verdict with its reasons."""
    cleaned = clean_answers(scale, answers)
    total = sum(cleaned.values())
    positive_items = sum(1 for v in cleaned.values() if v >= scale.positive_item_min)
    sums = {code: sum(cleaned[n] for n in numbers) for code, _, numbers in scale.factors}
    means = {code: Fraction(sums[code], len(numbers)) for code, _, numbers in scale.factors}
    result = Result(total, positive_items, sums, means, False)
    for rule in scale.rules:
        threshold = Fraction(rule["value"])
        hits = [(name, value) for name, value in _measure_values(result, scale, rule["measure"])
                if OPS[rule["op"]](value, threshold)]
        if not hits:
            continue
        if rule["measure"] == "factor_mean":
            detail = "、".join(f"{name}{float(value):.2f}" for name, value in hits)
            result.reasons.append(f"{rule['label']}（{detail}）")
        else:
            result.reasons.append(f"{rule['label']}（{MEASURES[rule['measure']]}{_fmt(hits[0][1])}）")
    result.positive = bool(result.reasons)
    return result


def _fmt(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"
