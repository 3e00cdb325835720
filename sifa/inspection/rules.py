"""Time limits of the 法治督察 line (DOMAIN.md §15). 厅字〔2019〕28号 leaves the 整改 period to the 督察 plan;
the bureau's practice (口径待核) is one month from the feedback unless the 督察组 sets another date, and the
same again when a 回头看 finds the rectification not done."""

from __future__ import annotations

import datetime as dt

from sifa.core.deadlines import DeadlineRule, estimated_due

RECTIFY = DeadlineRule("calendar", 30, "督察问题整改", basis="《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）")


def rectify_due(start: dt.date) -> dt.date:
    return estimated_due(RECTIFY, start).date
