"""Cross-org scope matrix (SECURITY.md B1): a user of one 司法所 can neither read nor change another's records,
through any page or API route, with any verb — proved by enumeration, so it keeps holding as lines are added.

The full matrix takes minutes (every route × every id, each a full request), so it is marked slow and split into
one test per app serving the routes (`[legalaid]`, `[mediation]`…), which pytest-xdist's workers share; run it
with `pytest -s -m slow tests/test_scope_matrix.py` to see each group's figures: `scope matrix [app]: N probes,
0 leaks, ...`. Records assigned to someone by name are proved in both directions by
`test_assignees_read_their_records_and_no_one_else_of_their_kind_does`."""

import pytest
from django.test import Client
from django.urls import get_resolver

from sifa.api.v1 import api
from sifa.core.models import ApiToken, AuditEvent, OrgUnit, ScopedModel, User
from sifa.core.models.audit import AuditEventType
from tests import factories, scope_factories
from tests.scope_matrix import (
    Matrix,
    Outcome,
    Record,
    advance_sequences,
    assignees,
    form_payload,
    group_of_api_path,
    group_of_page,
)

MATRIX_URLS = "tests.scope_matrix_urls"


def _route_groups() -> list[str]:
    """Every app that serves a page route or an API path of the matrix's URLconf, found when the tests are
    collected, so a new line's routes get a group of their own without editing this file."""
    probe = Matrix(Client(), "", [])
    pages = {group_of_page(pattern) for _, pattern, _ in probe.page_routes(resolver=get_resolver(MATRIX_URLS))}
    return sorted(pages | {group_of_api_path(path, pages) for path in api.get_openapi_schema()["paths"]})


GROUPS = _route_groups()


def _is_product_model(model) -> bool:
    return not model.__module__.startswith("tests.")


def _build_records(org, author) -> tuple[list[Record], list[str]]:
    registry = scope_factories.load_all()
    records, problems = [], []
    for label in sorted(registry):
        built = registry[label](org, author)
        for obj in built if isinstance(built, list | tuple) else [built]:
            if isinstance(obj, ScopedModel) and not obj.org_path.startswith(org.path):
                problems.append(f"{label} 的工厂建出的记录不属于给定机构")
            records.append(Record.of(obj))
    return records, problems


def test_every_scoped_model_has_a_matrix_factory():
    registry = scope_factories.load_all()
    missing = sorted(m._meta.label_lower for m in ScopedModel.concrete_subclasses()
                     if _is_product_model(m) and m._meta.label_lower not in registry)
    assert not missing, (
        "以下 ScopedModel 没有登记越权矩阵的记录工厂，矩阵无法证明它们不会越权泄露："
        f"{', '.join(missing)}。请在 tests/<业务线>/scope_factories.py 中用 "
        "@tests.scope_factories.register(\"<app_label.model>\") 登记一个 (org, user) -> 记录 的函数。")


@pytest.fixture(autouse=True)
def lighter_requests(settings):
    """Thousands of requests: skip Argon2's cost when building users; it does not bear on scope."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _session_and_token(user) -> tuple[Client, str]:
    client = Client()
    client.force_login(user)
    _, key = ApiToken.issue(user, "越权矩阵")
    return client, key


def _matrix(outsider, records, group: str | None = None) -> Matrix:
    client, key = _session_and_token(outsider)
    return Matrix(client, key, records, scope_factories.EXEMPT_ROUTES, group=group, groups=GROUPS)


def _office_a_records(tree) -> list[Record]:
    advance_sequences()
    author = factories.user(tree["office_a"], username="matrix_author")
    records, problems = _build_records(tree["office_a"], author)
    assert not problems, problems
    return records


def _probe_everything(matrix: Matrix, schema: dict) -> None:
    matrix.probe_pages(form_payload())
    matrix.probe_api(schema)
    matrix.check_page_listings()
    matrix.check_api_listings(schema)
    matrix.check_unchanged("全部探测")


def _summary(title: str, outcome: Outcome, records, denied: int) -> str:
    return (f"scope matrix [{title}]: {outcome.probes} probes, {len(outcome.leaks)} leaks, "
            f"{len(outcome.changed)} changed, {len(outcome.errors)} server errors; {len(records)} records of "
            f"{len({r.label.split('#')[0] for r in records})} models; {denied} denied audit rows")


def _assert_clean(summary: str, outcome: Outcome) -> None:
    assert not outcome.leaks, summary + "\n越权读取：\n" + "\n".join(outcome.leaks[:50])
    assert not outcome.changed, summary + "\n越权修改：\n" + "\n".join(outcome.changed[:50])
    assert not outcome.errors, summary + "\n服务器错误：\n" + "\n".join(outcome.errors[:50])


def _denied_count() -> int:
    return AuditEvent.objects.filter(event=AuditEventType.DENIED).count()


@pytest.mark.slow
@pytest.mark.urls(MATRIX_URLS)
@pytest.mark.parametrize("group", GROUPS)
def test_no_office_reads_or_changes_another_offices_records(group, tree, other_office_user):
    """The routes of one app, probed with the ids of every record of 砀城司法所 by a user of 周寨司法所."""
    matrix = _matrix(other_office_user, _office_a_records(tree), group=group)
    denied_before = _denied_count()
    _probe_everything(matrix, api.get_openapi_schema())

    outcome = matrix.outcome
    assert matrix.client.get("/api/v1/me").status_code == 200, "探测过程中外所用户的会话失效，结果不可信"
    summary = _summary(group, outcome, matrix.records, _denied_count() - denied_before)
    print(summary)
    if group == "core":
        for route, reason in sorted(scope_factories.EXEMPT_ROUTES.items()):
            print(f"  exempt: {route} — {reason}")
        for skipped in outcome.skipped:
            print(f"  skipped: {skipped}")
    assert outcome.probes > 0, f"{group} 没有可探测的路由"
    _assert_clean(summary, outcome)


def _peers(assignee) -> list:
    """Two people of the assignee's kind it is not assigned to: one of the same unit (a colleague in the same
    law firm), one of another unit of the same kind beside it (another firm)."""
    unit = assignee.org
    other_unit = OrgUnit.objects.create(code=f"{unit.code}-PEER", name=f"{unit.name}（另一家）", kind=unit.kind,
                                        division=unit.division, parent=unit.parent)
    return [factories.user(unit, assignee.role, username=f"{assignee.username}_colleague"),
            factories.user(other_unit, assignee.role, username=f"{assignee.username}_other_unit")]


@pytest.mark.slow
@pytest.mark.urls(MATRIX_URLS)
def test_assignees_read_their_records_and_no_one_else_of_their_kind_does(tree):
    """Access by assignment, both ways: every record assigned to someone by name (an assigned lawyer's case, its
    progress and documents, a duty lawyer's shift and help) is probed on every route and verb by a colleague of
    the assignee and by a peer in another unit of the same kind — nothing may be read or changed, and each
    existing record refused leaves a denied audit row; then the assignee must open each record through one of
    the routes by which the owning unit's staff open it (and find all of them in `for_user`)."""
    records = _office_a_records(tree)
    author = User.objects.get(username="matrix_author")
    assigned = {r.label: (r, assignees(r)) for r in records}
    assigned = {label: (r, users) for label, (r, users) in assigned.items() if users}
    assert assigned, "没有任何矩阵工厂建出“指派给具体人员”的记录，无法证明按指派访问"
    schema = api.get_openapi_schema()
    people = {u.pk: u for _, users in assigned.values() for u in users}
    total, denied_before, recognised = Outcome(), _denied_count(), {}
    for assignee in people.values():
        theirs = [r for r, users in assigned.values() if assignee in users]
        for peer in _peers(assignee):
            matrix = _matrix(peer, theirs)
            _probe_everything(matrix, schema)
            assert matrix.client.get("/api/v1/me").status_code == 200, "探测过程中同类人员的会话失效，结果不可信"
            total.probes += matrix.outcome.probes
            for kind in ("leaks", "changed", "errors"):
                getattr(total, kind).extend(getattr(matrix.outcome, kind))
            for value, routes in matrix.recognised.items():
                recognised.setdefault(value, set()).update(routes)
    denied = _denied_count() - denied_before

    reader = Matrix(Client(), "", [])
    reader.recognised = {value: sorted(routes) for value, routes in recognised.items()}
    owner, owner_key = _session_and_token(author)
    unread, not_scoped, routed = [], [], 0
    for assignee in people.values():
        client, key = _session_and_token(assignee)
        assert client.get("/api/v1/me").status_code == 200, "被指派人的会话无效，结果不可信"
        for record, users in assigned.values():
            if assignee not in users:
                continue
            if not type(record.obj).objects.for_user(assignee).filter(pk=record.obj.pk).exists():
                not_scoped.append(record.label)
            # the routes through which the owning unit's own staff open the record: the assignee must open it too
            owners_routes, errors = reader.readable_routes(record, owner, owner_key)
            read, more_errors = reader.readable_routes(record, client, key)
            total.errors.extend(errors + more_errors)
            routed += bool(owners_routes)
            if owners_routes and not set(read) & set(owners_routes):
                unread.append(f"{record.label}（本单位可经 {'、'.join(owners_routes)} 打开）")
    total.probes += reader.outcome.probes
    summary = (_summary("按指派访问", total, [r for r, _ in assigned.values()], denied)
               + f"; {len(people)} assignees open {routed - len(unread)} of the {routed} records their owners open "
               f"by a route ({reader.outcome.probes} reads), and find all {len(assigned)} in for_user")
    print(summary)
    _assert_clean(summary, total)
    assert not not_scoped, summary + "\n被指派人的 for_user 中没有：" + "、".join(not_scoped)
    assert not unread, summary + "\n被指派人无法打开：" + "、".join(unread)
    assert denied > 0, "越权访问存在的记录应写入“越权访问被拒绝”审计行"


@pytest.mark.urls("tests.scopeapp.leaky")
def test_the_matrix_catches_an_unscoped_page_and_api_route(tree, other_office_user):
    from tests.scopeapp.leaky import api as leaky_api

    advance_sequences()
    author = factories.user(tree["office_a"], username="matrix_author")
    matrix = _matrix(other_office_user, [Record.of(m) for m in scope_factories.memo(tree["office_a"], author)])

    schema = leaky_api.get_openapi_schema(path_prefix="/leaky-api/")
    matrix.probe_pages(form_payload())
    matrix.probe_api(schema)
    matrix.check_page_listings()

    leaks = "\n".join(matrix.outcome.leaks)
    memo_ids = [str(r.obj.pk) for r in matrix.records if r.label.startswith("scopeapp.memo#")]
    assert f"GET /leaky/memos/{memo_ids[0]}/ → 200" in leaks
    assert f"GET /leaky-api/memos/{memo_ids[0]} → 200" in leaks
    assert "GET /leaky/memos/ 列出了其他司法所的记录编号" in leaks
    assert any(memo_ids[0] in changed for changed in "\n".join(matrix.outcome.changed).split("\n")), \
        matrix.outcome.changed
