"""The engine of the cross-org scope matrix (SECURITY.md B1): enumerate every page route and API operation that
takes a record id, substitute the ids of another office's records, send every verb as an outsider, and report
any answer that exposes or changes a record.

Ids are made unambiguous first: `advance_sequences` moves every table's id sequence into a range of its own, far
above anything the outsider owns, so a 2xx answer on a probed id can only mean the outsider reached the other
office's record. A route that 2xx's is a leak unless exempted by name in tests/scope_factories.py.

Every id-taking route is read (GET) with every id. POST, PUT, PATCH and DELETE then go to the ids the route
recognised — those whose GET left a "denied" audit row naming the id — or to every id when it recognised none;
an id of an unrelated model is a 404 by construction, and repeating it with four more verbs only costs time.
After each route, every record is compared with its snapshot: any change or deletion is reported.

The routes are grouped by the app that serves them (`group_of_page`, `group_of_api_path`), so the matrix runs as
one test per app that pytest-xdist's workers share; every group probes its routes with every record's ids, so
the groups together send exactly the probes one run over all routes would.

Records assigned to someone by name (sifa.core.access, a model's `assignee_fields`) are probed in both
directions: as other people of the assignee's kind (the same unit, another unit of the same kind) every probe
must fail, and the assignee must read each such record through the routes that recognised it (`assignee_reads`).
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.db import connection, models
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SEQUENCE_BASE = 7_000_000
SEQUENCE_STRIDE = 100_000
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
PLACEHOLDER = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000000"}
SKIP_PAGE_NAMES = {"core:logout"}


def group_of_page(pattern) -> str:
    """The app that serves a page route: `sifa.<app>.…` or `tests.<app>.…` by its view's module; "core" for
    anything else (Django's own views)."""
    callback = pattern.callback
    module = getattr(getattr(callback, "view_class", None), "__module__", None) or callback.__module__
    parts = module.split(".")
    return parts[1] if parts[0] in ("sifa", "tests") and len(parts) > 2 else "core"


def group_of_api_path(path: str, groups) -> str:
    """The app of an API operation path, by its first segment after the version (/api/v1/legalaid/… →
    legalaid); the platform's own resources (me, orgs, notifications, jobs, tokens…) are "core"."""
    segments = [s for s in path.split("/") if s]
    first = segments[2] if len(segments) > 2 and segments[0] == "api" else (segments[1] if len(segments) > 1 else "")
    return first if first in groups else "core"


def is_id_param(name: str, converter: str = "") -> bool:
    """Record ids are named pk, id, uuid or *_id / *_pk / *_uuid; a uuid converter is always an id."""
    return (name in {"pk", "id", "uuid"} or name.endswith(("_id", "_pk", "_uuid"))) or converter == "uuid"


# --- ids ------------------------------------------------------------------------------------------------------------

def advance_sequences() -> int:
    """Give every table with an integer auto id its own id range (7,000,000 + i × 100,000). Returns tables moved."""
    moved = 0
    all_models = sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.label_lower)
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for index, model in enumerate(all_models):
            pk = model._meta.pk
            if model._meta.db_table not in existing or not isinstance(
                    pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
                continue
            table = model._meta.db_table
            start = SEQUENCE_BASE + index * SEQUENCE_STRIDE
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(pk.column)}) FROM {connection.ops.quote_name(table)}")
            current = cursor.fetchone()[0] or 0
            if current >= start:
                continue
            if connection.vendor == "postgresql":
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                               [connection.ops.quote_name(table), pk.column, start])
            elif connection.vendor == "sqlite":
                cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start - 1, table])
                if cursor.rowcount == 0:
                    cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start - 1])
            else:  # pragma: no cover
                raise NotImplementedError(connection.vendor)
            moved += 1
    return moved


@dataclass
class Record:
    obj: models.Model
    label: str
    ints: set[int] = field(default_factory=set)
    uuids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, obj) -> "Record":
        record = cls(obj, f"{obj._meta.label_lower}#{obj.pk}")
        for f in obj._meta.concrete_fields:
            value = getattr(obj, f.attname)
            if f.primary_key and isinstance(value, int):
                record.ints.add(value)
            elif isinstance(value, uuid.UUID):
                record.uuids.add(str(value))
        return record

    def snapshot(self):
        return type(self.obj)._base_manager.filter(pk=self.obj.pk).values().first()


@dataclass
class Outcome:
    probes: int = 0
    leaks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class Matrix:
    """Probes as one outsider: `client` is logged in (session) and `token` is their API token."""

    def __init__(self, client, token: str, records: list[Record], exempt: dict[str, str] | None = None,
                 group: str | None = None, groups=()):
        self.group = group
        self.groups = set(groups)
        self.recognised: dict[str, list[tuple[str, str]]] = {}
        self.client = client
        self.client.raise_request_exception = False
        self.token = token
        self.records = records
        self.exempt = exempt or {}
        self.ints = sorted({i for r in records for i in r.ints})
        self.uuids = sorted({u for r in records for u in r.uuids})
        self.snapshots = {r.label: r.snapshot() for r in records}
        self.outcome = Outcome()

    # --- bookkeeping --------------------------------------------------------------------------------------------

    def values_for(self, kind: str) -> list[str]:
        if kind == "int":
            return [str(i) for i in self.ints]
        if kind == "uuid":
            return list(self.uuids)
        return [str(i) for i in self.ints] + list(self.uuids)

    def _judge(self, where: str, method: str, url: str, response) -> None:
        self.outcome.probes += 1
        status = response.status_code
        if 200 <= status < 300 and where not in self.exempt:
            self.outcome.leaks.append(f"{method} {url} → {status}（{where}）")
        elif status >= 500:
            self.outcome.errors.append(f"{method} {url} → {status}（{where}）")

    def check_unchanged(self, after: str) -> None:
        for record in self.records:
            if record.snapshot() != self.snapshots[record.label]:
                self.outcome.changed.append(f"{record.label} 在探测 {after} 后被修改或删除")
                self.snapshots[record.label] = record.snapshot()

    def _exposes(self, text: str) -> list[str]:
        found = [str(i) for i in self.ints if re.search(rf"(?<!\d){i}(?!\d)", text)]
        return found + [u for u in self.uuids if u in text]

    # --- pages --------------------------------------------------------------------------------------------------

    def page_routes(self, skip_namespaces=("api:v1",), resolver=None):
        """(route, pattern, namespace) for every URL pattern of the matrix's group (all without one), include()s
        followed."""
        for route, pattern, namespace in self._all_page_routes(skip_namespaces, resolver):
            if self.group is None or group_of_page(pattern) == self.group:
                yield route, pattern, namespace

    def api_paths(self, schema: dict):
        for path, operations in schema["paths"].items():
            if self.group is None or group_of_api_path(path, self.groups) == self.group:
                yield path, operations

    def _all_page_routes(self, skip_namespaces, resolver):

        def walk(patterns, prefix, namespace):
            for entry in patterns:
                if isinstance(entry, URLResolver):
                    ns = ":".join(p for p in (namespace, entry.namespace) if p)
                    if ns in skip_namespaces:  # the API proper is probed through its OpenAPI document
                        continue
                    if not isinstance(entry.pattern, RoutePattern) and entry.pattern.regex.pattern not in ("^", ""):
                        self.outcome.skipped.append(f"{prefix}{entry.pattern}（正则路由，未探测）")
                        continue
                    yield from walk(entry.url_patterns, prefix + _literal(entry.pattern), ns)
                elif isinstance(entry, URLPattern):
                    if isinstance(entry.pattern, RegexPattern) and entry.pattern.regex.groups:
                        self.outcome.skipped.append(f"{prefix}{entry.pattern}（正则路由，未探测）")
                        continue
                    yield prefix + _literal(entry.pattern), entry, namespace

        yield from walk((resolver or get_resolver()).url_patterns, "", "")

    def _denied_marker(self) -> int:
        from sifa.core.models import AuditEvent

        return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def _denied_since(self, marker: int, value: str) -> bool:
        from sifa.core.models import AuditEvent
        from sifa.core.models.audit import AuditEventType

        return AuditEvent.objects.filter(id__gt=marker, event=AuditEventType.DENIED, object_id=value).exists()

    def _probe(self, name: str, urls: dict[str, str], send, then=VERBS[1:], kind: str = "page") -> None:
        """GET every url (value → url); then the verbs in `then` with the values the route recognised — those
        whose GET left a "denied" audit row naming that id — or with every value when it recognised none (a route
        without GET, or one that never audits). An id of an unrelated model is a 404 by construction, so sending
        it four more verbs would only repeat that."""
        recognised = []
        for value, url in urls.items():
            marker = self._denied_marker()
            self._judge(name, "GET", url, send("GET", url))
            if self._denied_since(marker, value):
                recognised.append(value)
                self.recognised.setdefault(value, []).append((kind, url))
        for value in recognised or list(urls):
            for verb in then:
                self._judge(name, verb.split()[0], urls[value], send(verb, urls[value]))

    def probe_pages(self, payload: dict, resolver=None) -> None:
        """Every id-taking page route × the ids × every verb, as the outsider's session."""
        body = urlencode(payload, doseq=True)

        def send(method, url):
            if method == "GET":
                return self.client.get(url)
            return self.client.generic(method, url, body, content_type="application/x-www-form-urlencoded")

        for route, pattern, namespace in self.page_routes(resolver=resolver):
            params = [(m["converter"] or "str", m["name"]) for m in PARAM.finditer(route)]
            id_params = [p for p in params if is_id_param(p[1], p[0])]
            if not id_params:
                continue
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or route)
            kinds = {converter for converter, _ in id_params}
            urls = {value: fill_route(route, value) for value in self.values_for(kinds.pop() if len(kinds) == 1 else "str")}
            self._probe(name, {v: u for v, u in urls.items() if _resolves(u)}, send)
            self.check_unchanged(route)

    def check_page_listings(self, resolver=None) -> None:
        """Every parameterless page, as the outsider: none may show an id of the other office's records."""
        for route, pattern, namespace in self.page_routes(resolver=resolver):
            if PARAM.search(route):
                continue
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or route)
            if name in SKIP_PAGE_NAMES:
                continue
            url = "/" + route
            response = self.client.get(url)
            self.outcome.probes += 1
            if response.status_code >= 500:
                self.outcome.errors.append(f"GET {url} → {response.status_code}")
            elif response.status_code == 200 and not getattr(response, "streaming", False):
                found = self._exposes(response.content.decode("utf-8", "replace"))
                if found:
                    self.outcome.leaks.append(f"GET {url} 列出了其他司法所的记录编号 {found}")

    # --- API ----------------------------------------------------------------------------------------------------

    def probe_api(self, schema: dict) -> None:
        """Every operation path with an id parameter × the ids × every verb, with the token; the recognised ids are
        read once more through the session (both end in the same user; the session's CSRF is tested elsewhere)."""
        components = schema.get("components", {}).get("schemas", {})
        for path, operations in self.api_paths(schema):
            params = {p["name"]: p for op in operations.values() for p in op.get("parameters", []) if p["in"] == "path"}
            id_params = {n: p for n, p in params.items() if is_id_param(n, _api_kind(p))}
            if not id_params:
                continue
            bodies = {m: _example_body(op, components) for m, op in operations.items() if m != "get"}

            def send(verb, url, bodies=bodies):
                method, _, auth = verb.partition(" ")
                return self._send_api(method, url, bodies.get(method.lower()), auth or "token")

            kinds = {_api_kind(p) for p in id_params.values()}
            values = self.values_for(kinds.pop() if len(kinds) == 1 else "str")
            self._probe(path, {value: fill_api_path(path, params, value) for value in values}, send,
                        then=("GET session", *VERBS[1:]), kind="api")
            self.check_unchanged(path)

    def check_api_listings(self, schema: dict) -> None:
        for path, operations in self.api_paths(schema):
            operation = operations.get("get")
            if operation is None or "{" in path:
                continue
            for auth in ("token", "session"):
                response = self._send_api("GET", path, None, auth, query={"page_size": 100})
                self.outcome.probes += 1
                if response.status_code >= 500:
                    self.outcome.errors.append(f"GET {path} → {response.status_code}")
                elif response.status_code == 200:
                    found = self._exposes_json(response.content)
                    if found:
                        self.outcome.leaks.append(f"GET {path}（{auth}）列出了其他司法所的记录编号 {found}")

    def _exposes_json(self, content: bytes) -> list:
        try:
            data = json.loads(content)
        except ValueError:
            return self._exposes(content.decode("utf-8", "replace"))
        values = set()

        def collect(node):
            if isinstance(node, dict):
                for item in node.values():
                    collect(item)
            elif isinstance(node, list):
                for item in node:
                    collect(item)
            elif isinstance(node, bool):
                return
            elif isinstance(node, int | str):
                values.add(str(node))

        collect(data)
        return sorted(values & ({str(i) for i in self.ints} | set(self.uuids)))

    # --- assignees -----------------------------------------------------------------------------------------------

    def readable_routes(self, record: Record, client, token: str) -> tuple[list[str], list[str]]:
        """GET, as one user (`client` logged in, `token` theirs), every route that recognised one of the record's
        ids when someone else probed it. Returns (the urls answering 2xx, the answers of 500 or more)."""
        read, errors = [], []
        for value in sorted(record.ints, key=str) + sorted(record.uuids):
            for kind, url in self.recognised.get(str(value), []):
                headers = {"Authorization": f"Bearer {token}"} if kind == "api" else {}
                response = client.get(url, headers=headers)
                self.outcome.probes += 1
                if 200 <= response.status_code < 300:
                    read.append(f"{kind} {url}")
                elif response.status_code >= 500:
                    errors.append(f"GET {url} → {response.status_code}")
        return read, errors

    def _send_api(self, method, url, body, auth, query=None):
        headers = {"Authorization": f"Bearer {self.token}"} if auth == "token" else {}
        if method == "GET":
            return self.client.get(url, data=query, headers=headers)
        return self.client.generic(method, url, json.dumps(body if body is not None else {}, ensure_ascii=False),
                                   content_type="application/json", headers=headers)


def assignees(record: Record) -> list:
    """The users `record` is assigned to by name, through its model's declared relations."""
    from sifa.core.access import assignees_of
    from sifa.core.models import User

    model = type(record.obj)
    ids = set()
    for assignee in assignees_of(model):
        ids.update(model._base_manager.filter(pk=record.obj.pk, **assignee.conditions)
                   .values_list(assignee.path, flat=True))
    return list(User.objects.filter(pk__in=ids - {None}).select_related("org"))


def fill_route(route: str, value: str) -> str:
    """A Django route with every id parameter set to `value` and any other parameter to a placeholder."""

    def substitute(match):
        converter = match["converter"] or ""
        return value if is_id_param(match["name"], converter) else PLACEHOLDER.get(converter, "x")

    return "/" + PARAM.sub(substitute, route)


def fill_api_path(path: str, params: dict, value: str) -> str:
    def substitute(match):
        param = params.get(match[1], {})
        return value if is_id_param(match[1], _api_kind(param)) else PLACEHOLDER.get(_api_kind(param), "x")

    return re.sub(r"{([^}]+)}", substitute, path)


def _resolves(url: str) -> bool:
    try:
        resolve(url)
    except Resolver404:
        return False
    return True


def _literal(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    return pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\", "")


def _api_kind(param: dict) -> str:
    schema = param.get("schema", {})
    if schema.get("type") == "integer":
        return "int"
    if schema.get("format") == "uuid":
        return "uuid"
    return "str"


# --- request bodies that pass validation, so a probe reaches the handler's scope check -----------------------------

TEXT_CANDIDATES = ("越权修改", "X1", "1", "x", "2026-01-05")


def _resolve(schema, components):
    for _ in range(20):
        if not isinstance(schema, dict) or "$ref" not in schema:
            break
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    options = schema.get("anyOf") or schema.get("oneOf") if isinstance(schema, dict) else None
    if options:
        non_null = [o for o in options if _resolve(o, components).get("type") != "null"]
        return _resolve(non_null[0] if non_null else options[0], components)
    return schema if isinstance(schema, dict) else {}


def example(schema: dict, components: dict, depth: int = 0):
    schema = _resolve(schema, components)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("default") not in (None, "", [], {}):
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 4:
            return {}
        return {name: example(prop, components, depth + 1) for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        return [example(schema.get("items", {}), components, depth + 1)] if schema.get("minItems") else []
    if kind in ("integer", "number"):
        low = schema["minimum"] if "minimum" in schema else schema.get("exclusiveMinimum", 0) + 1
        high = schema["maximum"] if "maximum" in schema else schema.get("exclusiveMaximum", 10**9 + 1) - 1
        return max(low, 1) if max(low, 1) <= high else low
    if kind == "boolean":
        return True
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date":
            return "2026-01-05"
        if fmt == "date-time":
            return "2026-01-05T09:00:00+08:00"
        if fmt == "uuid":
            return str(uuid.uuid4())
        if fmt == "email":
            return "probe@example.org"
        candidates = [c for c in TEXT_CANDIDATES if not schema.get("pattern") or re.search(schema["pattern"], c)]
        text = candidates[0] if candidates else "x"
        text = text[:schema.get("maxLength", len(text))]
        return text.ljust(schema.get("minLength", 0), "改")
    return None


def _example_body(operation: dict, components: dict):
    content = operation.get("requestBody", {}).get("content", {})
    schema = (content.get("application/json") or {}).get("schema")
    return example(schema, components) if schema else None


def form_payload() -> dict:
    """One form body for page probes: a plausible value for every editable field of every scoped model, so forms
    validate and the view reaches its scope check, plus the owner/status fields nobody should accept."""
    from sifa.core.models import ScopedModel

    payload: dict[str, str] = {}
    for model in ScopedModel.concrete_subclasses():
        for f in model._meta.concrete_fields:
            if not f.editable or f.primary_key or f.name in payload:
                continue
            if f.choices:
                payload[f.name] = str(f.choices[0][0])
            elif isinstance(f, models.BooleanField):
                payload[f.name] = "on"
            elif isinstance(f, models.DateTimeField):
                payload[f.name] = "2026-01-05 09:00"
            elif isinstance(f, models.DateField):
                payload[f.name] = "2026-01-05"
            elif isinstance(f, models.IntegerField | models.DecimalField | models.FloatField | models.ForeignKey):
                payload[f.name] = "1"
            elif isinstance(f, models.CharField | models.TextField):
                payload[f.name] = "越权修改"[: f.max_length or 10]
    payload.update({"org": "1", "org_id": "1", "status": "closed", "confirm": "1"})
    return payload
