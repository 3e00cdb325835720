"""Works on an isolated government network: no page, template or static file refers to another host.

Every URL pattern that takes no parameters is fetched anonymously and as users of several roles; each must
answer without a server error, and no HTML answer may load or link anything from elsewhere. Static files
(vendored libraries included) are scanned for src=/href=/url( references to other hosts, templates for any
http(s):// address at all."""

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

import sifa
from sifa.core.models import Role
from tests import factories

PACKAGE = Path(sifa.__file__).resolve().parent
EXTERNAL_ATTRIBUTE = re.compile(
    r"""(?:\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*|url\(\s*["']?\s*)((?:[a-z][a-z0-9+.\-]*:)?//[^\s"')>]*)""",
    re.IGNORECASE)
ANY_ADDRESS = re.compile(r"https?://[^\s\"'<>)]+", re.IGNORECASE)
# XML namespace names are identifiers, not addresses that anything is fetched from.
NAMESPACES = ("http://www.w3.org/",)


def external_refs(text: str) -> list[str]:
    return [m.group(1) for m in EXTERNAL_ATTRIBUTE.finditer(text)
            if not m.group(1).lower().startswith(("//localhost", "//testserver")) and
            not m.group(1).startswith(NAMESPACES)]


def parameterless_paths(resolver=None, prefix: str = "") -> list[str]:
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            if pattern.converters:
                continue
            piece = str(pattern)
        elif isinstance(pattern, RegexPattern):
            raw = pattern._regex.lstrip("^").rstrip("$").replace("\\Z", "")
            if re.search(r"[()\[\]{}*+?|\\.]", raw):
                continue
            piece = raw
        else:
            continue
        if isinstance(entry, URLResolver):
            found.extend(parameterless_paths(entry, prefix + piece))
        elif isinstance(entry, URLPattern):
            found.append("/" + prefix + piece)
    return sorted(set(found))


def test_reference_scanner_finds_what_it_must():
    assert external_refs('<script src="https://cdn.example.com/x.js">') == ["https://cdn.example.com/x.js"]
    assert external_refs("<link href=//fonts.example.com/a.css>") == ["//fonts.example.com/a.css"]
    assert external_refs("body{background:url( 'http://tiles.example/a.png')}") == ["http://tiles.example/a.png"]
    assert external_refs('<a href="/portal/">x</a><img src="data:image/png;base64,AA">') == []
    assert external_refs('<svg xmlns="http://www.w3.org/2000/svg">') == []


def test_url_walk_covers_the_shell():
    paths = parameterless_paths()
    for expected in ("/", "/inbox/", "/jobs/", "/orgs/", "/portal/", "/portal/lookup/", "/accounts/login/"):
        assert expected in paths


@pytest.fixture
def visitors(tree, client):
    users = {
        "anonymous": None,
        "office_staff": factories.user(tree["office_a"]),
        "section_staff": factories.user(tree["bureau"], role=Role.SECTION_STAFF),
        "leader": factories.user(tree["bureau"], role=Role.LEADER),
        "system_admin": factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN),
        "security_admin": factories.user(tree["bureau"], role=Role.SECURITY_ADMIN),
        "audit_admin": factories.user(tree["bureau"], role=Role.AUDIT_ADMIN),
    }
    return users


# a data block (json_script: type="application/json") is not run, so the policy does not concern it
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def csp_problems(response) -> list[str]:
    """The page carries the Content Security Policy and nothing in it would need more than that policy allows."""
    policy = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    problems = []
    script = directives.get("script-src", [])
    if "'self'" not in script or any(v in script for v in ("'unsafe-inline'", "'unsafe-eval'", "*")):
        problems.append(f"script-src {script}")
    if directives.get("frame-ancestors") != ["'none'"] or directives.get("object-src") != ["'none'"]:
        problems.append("frame-ancestors/object-src")
    html = response.content.decode("utf-8", "replace")
    problems += [f"inline script without nonce: {m.group(0)}" for m in INLINE_SCRIPT.finditer(html)]
    problems += [f"inline event handler: {m.group(0)[:80]}" for m in EVENT_HANDLER.finditer(html)]
    return problems


def test_csp_checks_find_what_they_must(client):
    from django.http import HttpResponse

    bad = HttpResponse('<p onclick="x()">a</p><script>alert(1)</script><script type="application/json">{}</script>')
    bad["Content-Security-Policy"] = "script-src 'self' 'unsafe-inline'"
    assert len(csp_problems(bad)) == 4
    good = HttpResponse('<script src="/static/a.js"></script><script nonce="abc">1</script>')
    good["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'"
    assert csp_problems(good) == []


def test_every_parameterless_page_is_local(client, visitors):
    """…and carries a Content Security Policy that allows scripts only from this site (SECURITY.md F2)."""
    paths = parameterless_paths()
    problems, fetched = [], 0
    client.raise_request_exception = False  # a server error is a finding to list, not a crash of the walk
    for role, user in visitors.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for path in paths:
            response = client.get(path)
            fetched += 1
            if response.status_code >= 500:
                problems.append(f"{role} GET {path} → {response.status_code}")
                continue
            if "html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
                continue
            for ref in external_refs(response.content.decode("utf-8", "replace")):
                problems.append(f"{role} GET {path}: {ref}")
            problems += [f"{role} GET {path}: {p}" for p in csp_problems(response)]
    assert fetched >= 7 * 10
    assert problems == []


def _files(root: Path, patterns):
    for pattern in patterns:
        yield from (p for p in root.glob(pattern) if p.is_file())


def test_static_files_reference_no_other_host():
    roots = [PACKAGE / "static", *PACKAGE.glob("*/static")]
    scanned, problems = 0, []
    for root in roots:
        for path in _files(root, ["**/*.html", "**/*.css", "**/*.js", "**/*.svg"]):
            scanned += 1
            for ref in external_refs(path.read_text("utf-8", "replace")):
                problems.append(f"{path.relative_to(PACKAGE)}: {ref}")
    assert scanned >= 3  # sifa.css, portal.css, the vendored htmx and echarts
    assert problems == []


def test_templates_contain_no_addresses():
    problems = []
    templates = list(PACKAGE.glob("**/templates/**/*.html"))
    assert len(templates) > 10
    for path in templates:
        for address in ANY_ADDRESS.findall(path.read_text("utf-8")):
            if not address.startswith(NAMESPACES):
                problems.append(f"{path.relative_to(PACKAGE)}: {address}")
    assert problems == []
