"""Fixed-window rate limits in the cache that fail closed: when the cache cannot count, the request is refused
(SECURITY.md F5). With django-redis' IGNORE_EXCEPTIONS an unreachable Redis answers None, which counts as
"cannot count" here too."""

import hashlib
import time

from django.core.cache import cache


class RateLimitUnavailable(Exception):
    """The counter store is unreachable; callers refuse the request."""


def _key(scope: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"sifa:rl:{scope}:{digest}:{int(time.time() // window)}"


def hit(scope: str, ident: str, limit: int, window: int) -> bool:
    """Count one event for (scope, ident); True while the count stays within `limit` per `window` seconds."""
    key = _key(scope, ident, window)
    try:
        added = cache.add(key, 1, window + 1)
        if added is None:
            raise RateLimitUnavailable(scope)
        if added:
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                count = 1 if cache.add(key, 1, window + 1) else None
        if count is None:
            raise RateLimitUnavailable(scope)
    except RateLimitUnavailable:
        raise
    except Exception as exc:
        raise RateLimitUnavailable(scope) from exc
    return count <= limit

