"""The current request's who/where, so actions deep in a call stack can write complete audit rows."""

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    user: object = None
    ip: str | None = None
    request_id: str = ""


_EMPTY = RequestContext()
_current = contextvars.ContextVar("sifa_request_context", default=_EMPTY)  # frozen, so sharing is safe


def current() -> RequestContext:
    return _current.get()


def bind(ctx: RequestContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)
