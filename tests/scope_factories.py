"""Builders of valid records for the cross-org scope matrix (tests/test_scope_matrix.py).

Every concrete ScopedModel of the product needs one: a function ``(org, user) -> record | list[record]`` that
creates a realistic record owned by `org` (preferably through the line's actions, so it passes the line's own
rules), `user` being a staff member of that org. Return every record a URL could reach by id (a case *and* its
parties, say), so each is probed.

Register next to your line's tests, in ``tests/<line>/scope_factories.py`` (found automatically):

    from tests.scope_factories import register

    @register("mediation.dispute")
    def dispute(org, user):
        return actions.register_dispute(user, org=org, ...)

Routes whose id parameter is not a record id of a scoped model (a public reference table, say) can be exempted
with ``exempt_route("<route or operation path>", "reason")`` — the reason is printed with the matrix's figures.
"""

import importlib
import pkgutil
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from sifa.core.models import ApiToken, Job, Notification, OrgKind, OrgUnit

FACTORIES: dict[str, Callable] = {}
EXEMPT_ROUTES: dict[str, str] = {}


def register(model_label: str):
    def decorator(func):
        FACTORIES[model_label.lower()] = func
        return func

    return decorator


def exempt_route(route: str, reason: str) -> None:
    EXEMPT_ROUTES[route] = reason


def load_all() -> dict[str, Callable]:
    """This module's builders plus every ``tests.<package>.scope_factories`` module."""
    import tests

    for info in pkgutil.walk_packages(tests.__path__, "tests."):
        if info.name.endswith(".scope_factories") and info.name != __name__:
            importlib.import_module(info.name)
    return FACTORIES


# --- records of the platform itself that belong to one person or one unit --------------------------------------

@register("core.orgunit")
def org_unit(org, user):
    return OrgUnit.objects.create(code=f"{org.code}-SCOPE-{OrgUnit.objects.count()}", name=f"{org.name}调委会",
                                  kind=OrgKind.MEDIATION_COMMITTEE, division=org.division, parent=org)


@register("core.notification")
def notification(org, user):
    return Notification.objects.create(user=user, title="调解案件已指派给您", link="/")


@register("core.job")
def job(org, user):
    return Job.objects.create(name="生成年度工作报告", task="sifa.reports.tasks.build", user=user)


@register("core.apitoken")
def api_token(org, user):
    return ApiToken.issue(user, "对接脚本", expires_at=timezone.now() + timedelta(days=30))[0]


# --- the test-only line (tests/scopeapp) --------------------------------------------------------------------------

@register("scopeapp.memo")
def memo(org, user):
    from tests.scopeapp import actions

    return [actions.create_memo(user, org=org, title="走访记录", body="甲村土地纠纷回访"),
            actions.create_memo(user, org=org, title="排查记录")]
