"""How the site is being run, and the warnings that follow from it (issue #14, SECURITY.md F5).

Rate-limit counters (portal sign-in codes, lookups) live in the cache. With REDIS_URL set that cache is Redis,
shared by every worker process; without it each process counts on its own, so N processes would allow N times
the limit. Several processes without Redis therefore earn a warning at start (a system check, also logged by
the WSGI entry point). The number of processes is read from SIFA_WORKERS, or WEB_CONCURRENCY as gunicorn and
most hosts set it; the demo's single waitress process with threads shares one counter and needs nothing.
"""

import logging
import os

from django.conf import settings
from django.core import checks

log = logging.getLogger("sifa.deployment")


def worker_processes() -> int:
    for name in ("SIFA_WORKERS", "WEB_CONCURRENCY"):
        try:
            return max(1, int(os.environ.get(name, "")))
        except ValueError:
            continue
    return 1


def shared_counter_warning() -> str | None:
    workers = worker_processes()
    if workers > 1 and not getattr(settings, "REDIS_URL", ""):
        return (f"以 {workers} 个进程运行却未设置 REDIS_URL：限流计数（短信验证码、查询次数）在各进程内分别计算，"
                f"实际上限会放大 {workers} 倍。请设置 REDIS_URL 让各进程共用计数。")
    return None


@checks.register(checks.Tags.security)
def check_shared_rate_limits(app_configs, **kwargs):
    message = shared_counter_warning()
    return [checks.Warning(message, id="sifa.W014")] if message else []


def warn_at_start() -> None:
    message = shared_counter_warning()
    if message:
        log.warning(message)
