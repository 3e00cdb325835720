"""Business lines add their demo records here. In `<app>/demo.py` (imported by `autodiscover`)::

    from sifa.demo.registry import register

    def build(ctx):                       # ctx: sifa.demo.registry.DemoContext
        office = ctx.offices[0]
        ...  # create records through the line's actions, as ctx.users["office_staff"]

    register("人民调解", build, order=20)

Builders must be idempotent (the demo may be run again on the same database: look records up by a natural
key before creating them) and deterministic (use `ctx.rng`, seeded per builder, and `ctx.today`).
Each builder runs in its own transaction: a failing builder leaves no half-made records behind.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.module_loading import autodiscover_modules


@dataclass
class DemoContext:
    """What a builder gets: the county and its org tree, one user per role, a seeded RNG and today's date."""

    county: object                     # core.Division 341321
    bureau: object                     # core.OrgUnit, the 县司法局
    offices: list                      # 司法所 (OrgUnit), by code
    sections: dict                     # 局内科室 by name (OrgUnit)
    units: dict                        # "pls_center", "legal_aid_center", "notary_office", "corrections_center",
                                       # "law_firm" → OrgUnit
    committees: list                   # 村居人民调解委员会 (OrgUnit)
    users: dict                        # role value ("leader", "office_staff", …) → User
    extra_users: dict = field(default_factory=dict)   # username → User (e.g. a second 司法所's staff)
    today: dt.date = field(default_factory=dt.date.today)
    rng: random.Random = field(default_factory=random.Random)
    log: Callable[[str], None] = print


@dataclass(frozen=True)
class Builder:
    name: str
    build: Callable[[DemoContext], object]
    order: int = 100


_builders: dict[str, Builder] = {}


def register(name: str, builder: Callable[[DemoContext], object], order: int = 100) -> None:
    """Register (or replace) the demo builder called `name`; builders run by (order, name)."""
    _builders[name] = Builder(name, builder, order)


def unregister(name: str) -> None:
    _builders.pop(name, None)


def builders() -> list[Builder]:
    return sorted(_builders.values(), key=lambda b: (b.order, b.name))


def autodiscover() -> None:
    """Import every installed app's `demo` module, so its `register` calls run."""
    autodiscover_modules("demo")


def run_all(ctx: DemoContext, *, strict: bool = False) -> list[tuple[str, Exception]]:
    """Run every registered builder; returns the (name, error) of those that failed (raises if `strict`)."""
    failures = []
    for builder in builders():
        ctx.rng = random.Random(f"sifa-demo:{builder.name}")
        ctx.log(f"正在生成演示数据：{builder.name}……")
        started = time.monotonic()
        try:
            with transaction.atomic():
                builder.build(ctx)
        except Exception as exc:
            if strict:
                raise
            failures.append((builder.name, exc))
            continue
        ctx.log(f"  {builder.name}：完成，用时{time.monotonic() - started:.0f}秒。")
    return failures
