"""What a server loads before it answers anyone, so the first visitor after a restart does not wait for it.

Importing every URLconf (each line's views, the API with its hundreds of schemas) and building the API reference
take seconds; Django would do both inside the first request that needs them. `warm()` does them at start: the
WSGI entry point (sifa.wsgi) and the demo's server call it once per process, and bench/pages_bench.py does the
same before it measures a page's first request. Nothing here reads records: a cold figure cache stays cold.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger("sifa.warmup")

SHELL_TEMPLATES = ("base.html",)


def warm() -> float:
    """Load the URLconfs, the page shell's templates and the API reference; returns the seconds it took."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    started = time.perf_counter()
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018  imports every URLconf and builds the reverse table
    for name in SHELL_TEMPLATES:
        get_template(name)
    try:
        from sifa.api.docs import page_body
        from sifa.api.v1 import api

        page_body(api)
    except Exception:  # noqa: BLE001  a reference that fails to build shows its error on its own page, not at start
        log.exception("接口说明预先生成失败，将在首次访问时生成")
    return time.perf_counter() - started
