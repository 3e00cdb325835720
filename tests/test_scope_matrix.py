"""Cross-org scope matrix (SECURITY.md B1): a user of one 司法所 can neither read nor change another's records,
through any page or API route, with any verb — proved by enumeration, so it keeps holding as lines are added.

The full matrix takes minutes (every route × every id, each a full request), so it is marked slow; run it with
`pytest -s -m slow tests/test_scope_matrix.py` to see the figures: `scope matrix: N probes, 0 leaks, ...`."""

import pytest
from django.test import Client

from sifa.api.v1 import api
from sifa.core.models import ApiToken, AuditEvent, ScopedModel
from sifa.core.models.audit import AuditEventType
from tests import factories, scope_factories
from tests.scope_matrix import Matrix, Record, advance_sequences, form_payload


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


def _matrix(outsider, records) -> Matrix:
    client = Client()
    client.force_login(outsider)
    _, key = ApiToken.issue(outsider, "越权矩阵")
    return Matrix(client, key, records, scope_factories.EXEMPT_ROUTES)


@pytest.fixture
def matrix(tree, other_office_user):
    advance_sequences()
    author = factories.user(tree["office_a"], username="matrix_author")
    records, problems = _build_records(tree["office_a"], author)
    assert not problems, problems
    return _matrix(other_office_user, records)


@pytest.mark.slow
@pytest.mark.urls("tests.scope_matrix_urls")
def test_no_office_reads_or_changes_another_offices_records(matrix):
    denied_before = AuditEvent.objects.filter(event=AuditEventType.DENIED).count()
    schema = api.get_openapi_schema()

    matrix.probe_pages(form_payload())
    matrix.probe_api(schema)
    matrix.check_page_listings()
    matrix.check_api_listings(schema)
    matrix.check_unchanged("全部探测")

    outcome = matrix.outcome
    assert matrix.client.get("/api/v1/me").status_code == 200, "探测过程中外所用户的会话失效，结果不可信"
    denied = AuditEvent.objects.filter(event=AuditEventType.DENIED).count() - denied_before
    summary = (f"scope matrix: {outcome.probes} probes, {len(outcome.leaks)} leaks, {len(outcome.changed)} changed, "
               f"{len(outcome.errors)} server errors; {len(matrix.records)} records of "
               f"{len({r.label.split('#')[0] for r in matrix.records})} models; {denied} denied audit rows")
    print(summary)
    for route, reason in sorted(scope_factories.EXEMPT_ROUTES.items()):
        print(f"  exempt: {route} — {reason}")
    for skipped in outcome.skipped:
        print(f"  skipped: {skipped}")
    assert outcome.probes > 0
    assert not outcome.leaks, summary + "\n越权读取：\n" + "\n".join(outcome.leaks[:50])
    assert not outcome.changed, summary + "\n越权修改：\n" + "\n".join(outcome.changed[:50])
    assert not outcome.errors, summary + "\n服务器错误：\n" + "\n".join(outcome.errors[:50])
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
