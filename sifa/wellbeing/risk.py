"""Early-warning signals and rules: what is known of each subject, combined by the rules (WarningRule, data)
into a risk level (低/中/高) with its reasons.

Signals come from records, never from the page: the latest psychological assessment, the corrections line's
reports and sanctions (sifa.corrections), the track-screening alerts (sifa.tracks.signals.open_alerts_for, when
that module is installed), and the 风险因素 staff record. They are collected for many subjects at once (a few
queries per run, not per subject) so the nightly evaluation of a county stays quick.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models import Max

from sifa.corrections import rules as corrections_rules
from sifa.corrections.models import SanctionKind, SanctionStatus, SubjectStatus

from .models import LEVEL_RANK, Assessment, RiskFactor, RiskKind, RiskLevel, WarningRule

DEFAULT_RULES = Path(__file__).resolve().parent / "data" / "rules.json"
ASSESSMENT_VALID_DAYS = 180     # an assessment older than this no longer speaks for the subject's state
SANCTION_WINDOW_DAYS = 180      # 训诫、警告 within this many days count as a conduct signal
SEVERE_FACTOR_MEAN = 3.0        # any factor at 3 (中等) or above: 重度症状

SIGNALS = {
    "positive_screen": "心理测评筛查阳性",
    "severe_screen": "心理测评任一因子分达到3分",
    "missed_report": "定期报告逾期",
    "sanction": f"近{SANCTION_WINDOW_DAYS}日内受到训诫、警告",
    "track_alert": "轨迹排查有未处理的预警",
    "missing": "处于失联状态",
    **{k.value: str(k.label) for k in RiskKind},
}


@dataclass
class Evaluation:
    level: str = RiskLevel.LOW
    rules: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    signals: dict[str, str] = field(default_factory=dict)

    @property
    def level_label(self) -> str:
        return RiskLevel(self.level).label


# --- rules as data --------------------------------------------------------------------------------------------


def parse_rules(data) -> list[dict]:
    """Validate a rules file ({"rules": [...]}); a ValidationError names the rule and the problem."""
    rows = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not rows:
        raise ValidationError("预警规则文件应包含非空的 rules 列表。")
    cleaned, codes = [], set()
    levels = {RiskLevel.MEDIUM.value, RiskLevel.HIGH.value}
    for index, raw in enumerate(rows, start=1):
        where = f"第{index}条规则"
        if not isinstance(raw, dict):
            raise ValidationError(f"{where}应为对象。")
        code, name = str(raw.get("code") or "").strip(), str(raw.get("name") or "").strip()
        if not code or len(code) > 40 or not name or len(name) > 100:
            raise ValidationError(f"{where}缺少代码（code）或名称（name），或过长。")
        if code in codes:
            raise ValidationError(f"{where}：规则代码“{code}”重复。")
        codes.add(code)
        if raw.get("level") not in levels:
            raise ValidationError(f"{where}（{name}）的风险等级应为 medium（中）或 high（高）。")
        all_of, any_of = raw.get("all_of") or [], raw.get("any_of") or []
        if not isinstance(all_of, list) or not isinstance(any_of, list):
            raise ValidationError(f"{where}（{name}）的 all_of、any_of 应为信号代码列表。")
        unknown = [s for s in [*all_of, *any_of] if s not in SIGNALS]
        if unknown:
            raise ValidationError(f"{where}（{name}）有未知的信号“{'、'.join(map(str, unknown))}”；"
                                  f"可用的信号：{'、'.join(SIGNALS)}。")
        try:
            min_any = int(raw.get("min_any", 1 if any_of else 0))
        except (TypeError, ValueError):
            raise ValidationError(f"{where}（{name}）的 min_any 应为整数。")
        if not 0 <= min_any <= len(any_of):
            raise ValidationError(f"{where}（{name}）的 min_any 应在0至{len(any_of)}之间。")
        if not all_of and min_any == 0:
            raise ValidationError(f"{where}（{name}）没有任何条件。")
        cleaned.append({"code": code, "name": name, "level": raw["level"], "all_of": list(all_of),
                        "any_of": list(any_of), "min_any": min_any, "active": bool(raw.get("active", True)),
                        "order": index})
    return cleaned


def install_rules(rows: list[dict]) -> None:
    """Replace the rule set (called from actions.load_rules, which audits it)."""
    WarningRule.objects.all().delete()
    WarningRule.objects.bulk_create([WarningRule(**row) for row in rows])


def active_rules() -> list[WarningRule]:
    """The rule set; the shipped defaults are installed the first time none exist."""
    rules = list(WarningRule.objects.filter(active=True))
    if not rules and not WarningRule.objects.exists():
        install_rules(parse_rules(json.loads(DEFAULT_RULES.read_text(encoding="utf-8"))))
        rules = list(WarningRule.objects.filter(active=True))
    return rules


def apply_rules(signals: dict[str, str], rules: list[WarningRule]) -> Evaluation:
    result = Evaluation(signals=dict(signals))
    for rule in rules:
        if not all(s in signals for s in rule.all_of):
            continue
        if sum(1 for s in rule.any_of if s in signals) < rule.min_any:
            continue
        result.rules.append(rule.code)
        used = [s for s in [*rule.all_of, *rule.any_of] if s in signals]
        result.reasons.append(f"{rule.name}（{RiskLevel(rule.level).label}）：" + "；".join(signals[s] for s in used))
        if LEVEL_RANK[RiskLevel(rule.level)] > LEVEL_RANK[RiskLevel(result.level)]:
            result.level = rule.level
    return result


# --- signals --------------------------------------------------------------------------------------------------


def _track_alerts(subject) -> int:
    """Open track-screening alerts of the subject, if the tracks line offers them (it may not be installed)."""
    try:
        from sifa.tracks.signals import open_alerts_for
    except ImportError:
        return 0
    try:
        alerts = open_alerts_for(subject)
    except Exception:  # a fault in the other line must not stop the warnings; the signal is simply absent
        return 0
    if isinstance(alerts, int):
        return alerts
    try:
        return len(alerts)
    except TypeError:
        return sum(1 for _ in alerts)


def collect(subjects, on: dt.date) -> dict[int, dict[str, str]]:
    """{subject id: {signal: reason}} for the given subjects on the given day."""
    subjects = list(subjects)
    ids = [s.pk for s in subjects]
    out: dict[int, dict[str, str]] = {s.pk: {} for s in subjects}
    if not ids:
        return out
    since = on - dt.timedelta(days=ASSESSMENT_VALID_DAYS)
    latest: dict[int, Assessment] = {}
    for a in (Assessment.objects.filter(subject_id__in=ids, assessed_on__lte=on, assessed_on__gte=since)
              .order_by("subject_id", "-assessed_on", "-pk")
              .only("subject_id", "assessed_on", "positive", "factor_means")):
        latest.setdefault(a.subject_id, a)
    for sid, a in latest.items():
        if a.positive:
            out[sid]["positive_screen"] = f"{a.assessed_on:%Y-%m-%d}心理测评筛查阳性"
        high = [v for v in (a.factor_means or {}).values() if _float(v) >= SEVERE_FACTOR_MEAN]
        if high:
            out[sid]["severe_screen"] = f"{a.assessed_on:%Y-%m-%d}心理测评有{len(high)}个因子分达到3分"
    reports = dict(subjects[0].__class__.objects.filter(pk__in=ids).annotate(last=Max("reports__reported_on"))
                   .values_list("pk", "last"))
    window = on - dt.timedelta(days=SANCTION_WINDOW_DAYS)
    sanctioned = defaultdict(list)
    from sifa.corrections.models import RewardSanction

    for sid, kind, day in (RewardSanction.objects.filter(
            subject_id__in=ids, kind__in=(SanctionKind.ADMONITION, SanctionKind.WARNING),
            status=SanctionStatus.DECIDED, decided_on__gte=window, decided_on__lte=on)
            .values_list("subject_id", "kind", "decided_on")):
        sanctioned[sid].append(f"{day:%Y-%m-%d}{SanctionKind(kind).label}")
    for f in (RiskFactor.objects.filter(subject_id__in=ids, noted_on__lte=on)
              .exclude(resolved_on__lte=on).order_by("noted_on")):
        out[f.subject_id].setdefault(f.kind, f"{f.get_kind_display()}（{f.noted_on:%Y-%m-%d}起）")
    for s in subjects:
        sig = out[s.pk]
        if s.status == SubjectStatus.ACTIVE and s.reported_on:
            last = reports.get(s.pk) or s.reported_on
            due = last + dt.timedelta(days=corrections_rules.REPORT_INTERVAL_DAYS.get(s.level, 30))
            if due < on:
                sig["missed_report"] = f"定期报告逾期{(on - due).days}日（应于{due:%Y-%m-%d}前报告）"
        if s.status == SubjectStatus.MISSING:
            sig["missing"] = "处于失联状态"
        if sanctioned.get(s.pk):
            sig["sanction"] = "受到" + "、".join(sanctioned[s.pk])
        alerts = _track_alerts(s)
        if alerts:
            sig["track_alert"] = f"轨迹排查有{alerts}条未处理的预警"
    return out


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def evaluate(subjects, on: dt.date) -> dict[int, Evaluation]:
    rules = active_rules()
    return {sid: apply_rules(signals, rules) for sid, signals in collect(subjects, on).items()}
