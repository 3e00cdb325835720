"""Masking everywhere (SECURITY.md E2): a small county with a record of every model of every line (the scope
matrix's factories, with real ID numbers and mobiles), crawled as a user of every role from the home page through
every link a page offers (navigation, lists, detail and edit pages, exports and documents), finds no full
18-digit ID number and no full 11-digit mobile number in any page source, form value, attribute or export.

Run with `-s` to see the figures: pages crawled, exports read, IDs and mobiles found."""

import io
import re
import zipfile
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from sifa.core.identifiers import parse_resident_id
from sifa.core.models import Role, ScopedModel
from tests import factories, scope_factories

pytestmark = pytest.mark.slow

ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
PER_ROUTE = 2          # pages of one route (one record kind's detail page, say) read per role
# The example values printed in the blank import templates' 填写说明 (GB 11643-1999's own example number, the
# customary 138 0000 0000): nobody's.
EXAMPLES = {"11010519491231002X", "13800000000"}
# Writers first: a record's pages are read once, by the first role that reaches them, and a writer sees its forms.
ROLES = [Role.SECTION_STAFF, Role.OFFICE_STAFF, Role.CORRECTIONS_OFFICER, Role.MEDIATOR, Role.LAWYER, Role.LEADER,
         Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN]
PER_ROLE = 400         # a bound, never reached in practice: the crawl stops on its own
SKIPPED_ROUTES = {"core:logout", "core:sensitive_field", "security:mfa_disable"}
SKIPPED_PREFIXES = ("/static/", "/api/", "/portal/", "/admin/", "/django-admin/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "hx-get", "data-href"):
                self.found.append(value)


def full_ids(text: str) -> list[str]:
    found = []
    for match in ID_RE.findall(text):
        try:
            number = parse_resident_id(match).number
        except Exception:  # an 18-digit number that is not an ID number (a tracking code, a time stamp)
            continue
        if number not in EXAMPLES:
            found.append(number)
    return found


def readable_text(response) -> str:
    """A page's source, or the text inside an exported .xlsx/.docx (zip) or any other body."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                             if n.endswith((".xml", ".rels", ".csv", ".txt")))
    return body.decode("utf-8", "replace")


def route_of(path: str) -> tuple[str | None, bool]:
    """The route's name, and whether the path names a record (an id in it)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None, False
    return match.view_name or match.route, bool(match.kwargs)


def crawl(client: Client, shared: set, start: str = "/") -> tuple[Counter, dict]:
    """Every page reachable from `start`, up to PER_ROUTE pages of a route. A record's page or an export already
    read by another role (`shared`) is not read again; navigation and lists are read by every role."""
    seen, per_route, found = set(), Counter(), {"ids": [], "mobiles": []}
    queue, figures = deque([start]), Counter()
    while queue and figures["pages"] + figures["exports"] < PER_ROLE:
        url = queue.popleft()
        parts = urlsplit(url)
        if url in seen or parts.netloc or parts.path.startswith(SKIPPED_PREFIXES):
            continue
        seen.add(url)
        route, of_record = route_of(parts.path)
        if route is None or route in SKIPPED_ROUTES or per_route[route] >= PER_ROUTE or url in shared:
            continue
        per_route[route] += 1
        response = client.get(url)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        text = readable_text(response)
        figures["exports" if "html" not in kind else "pages"] += 1
        if of_record or "html" not in kind:
            shared.add(url)
        for label, hits in (("ids", full_ids(text)), ("mobiles", [m for m in MOBILE_RE.findall(text) if m not in EXAMPLES])):
            found[label].extend(f"{url}: {hit}" for hit in hits)
        if "html" in kind:
            parser = Links()
            parser.feed(text)
            for link in parser.found:
                if not link.startswith(("#", "javascript:", "mailto:", "tel:")):
                    queue.append(urljoin(url, link.split("#")[0]))
    return figures, found


@pytest.fixture
def county(tree, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    author = factories.user(tree["office_a"], username="crawl_author", mobile="13912345678")
    built = 0
    for build in scope_factories.load_all().values():
        made = build(tree["office_a"], author)
        built += len(made) if isinstance(made, list | tuple) else 1
    return tree, built


def test_no_page_or_export_shows_a_full_id_number_or_mobile(county):
    tree, built = county
    seeded = sum(1 for m in ScopedModel.concrete_subclasses() if getattr(m, "sensitive_fields", ())
                 for _ in m.objects.all()[:1])
    totals, leaks, shared = Counter(), {"ids": [], "mobiles": []}, set()
    for role in ROLES:
        org = tree["bureau"] if role not in (Role.OFFICE_STAFF, Role.MEDIATOR) else tree["office_a"]
        user = factories.user(org, role=role, username=f"crawl_{role}", mobile="13712345678")
        client = Client()
        client.force_login(user)
        figures, found = crawl(client, shared)
        totals.update(figures)
        for key in leaks:
            leaks[key].extend(f"[{role}] {hit}" for hit in found[key])
    print(f"\nmasking crawl: {built} records built ({seeded} models with sensitive fields), {len(Role.values)} roles, "
          f"{totals['pages']} pages and {totals['exports']} exports/documents crawled; "
          f"full ID numbers found: {len(leaks['ids'])}, full mobiles found: {len(leaks['mobiles'])}")
    assert totals["pages"] > 50 and totals["exports"] > 0, totals
    shown = sorted(set(leaks["ids"]))[:40] + sorted(set(leaks["mobiles"]))[:40]
    assert not leaks["ids"] and not leaks["mobiles"], "页面或导出中出现完整身份证号码或手机号码：\n" + "\n".join(shown)
