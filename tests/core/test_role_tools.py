"""Roles see their tools only (issue 13, item 3): every role's navigation, walked — each heading once, each link
answering 200 — and each page of a tool the role does not use answering 403 (core.roles.TOOL_ROLES)."""

import pytest
from django.urls import get_resolver, reverse

from sifa.core.context_processors import navigation_sections
from sifa.core.models import OrgKind, OrgUnit, Role
from sifa.core.roles import TOOL_ROLES, may_use, tool_rule
from tests import factories


def _argless_pages(prefix: str) -> list[str]:
    """The URL names under `prefix` that take no argument (list and create pages): reversible as they are."""
    names = []
    resolver = get_resolver()

    def walk(patterns, namespace=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif p.name and f"{namespace}{p.name}".startswith(prefix) and not p.pattern.regex.groupindex \
                    and "(" not in p.pattern.regex.pattern:
                names.append(f"{namespace}{p.name}")

    walk(resolver.url_patterns)
    return sorted(set(names))


@pytest.fixture
def people(db):
    tree = factories.county_tree()
    firm = OrgUnit.objects.create(code="341321-LS801", name="乙律师事务所", kind=OrgKind.LAW_FIRM,
                                  division=tree["county"], parent=tree["bureau"])
    where = {Role.LEADER: tree["bureau"], Role.SECTION_STAFF: tree["bureau"], Role.OFFICE_STAFF: tree["office_a"],
             Role.MEDIATOR: tree["office_a"], Role.CORRECTIONS_OFFICER: tree["bureau"], Role.LAWYER: firm,
             Role.SYSTEM_ADMIN: tree["bureau"], Role.SECURITY_ADMIN: tree["bureau"], Role.AUDIT_ADMIN: tree["bureau"]}
    return {role: factories.user(org, role, username=f"walk_{role}") for role, org in where.items()}


def test_the_table_reads_as_the_issue_asks():
    assert tool_rule("notary:matter_create") == TOOL_ROLES["notary:"]
    assert tool_rule("mediation:screening_list") == TOOL_ROLES["mediation:screening"]   # the longer prefix wins
    assert tool_rule("mediation:dispute_list") == TOOL_ROLES["mediation:"]
    assert tool_rule("core:home") is None


@pytest.mark.parametrize("role", [r for r in Role.values])
def test_every_role_walks_its_navigation_and_meets_403_on_tools_it_does_not_use(client, people, role):
    user = people[role]
    client.force_login(user)
    sections = navigation_sections(user)
    titles = [s["title"] for s in sections]
    assert len(titles) == len(set(titles)), f"侧边栏标题重复：{titles}"
    links = [link["url"] for s in sections for link in s["links"]]
    assert links, role
    for url in links:
        response = client.get(url)
        assert response.status_code == 200, (role, url, response.status_code)

    hidden = [name for prefix, roles in TOOL_ROLES.items() if role not in roles for name in _argless_pages(prefix)
              if not may_use(user, name)]
    for name in hidden:
        url = reverse(name)
        assert url not in links
        assert client.get(url).status_code == 403, (role, name)
    if role in (Role.LAWYER, Role.MEDIATOR):
        assert {"notary:matter_list", "mediation:screening_list", "legalaid:settings"} <= set(hidden)
        labels = {link["label"] for s in sections for link in s["links"]}
        assert not labels & {"公证事项办理", "矛盾纠纷排查", "补贴与经济困难标准"}


def test_the_mediator_keeps_the_mediation_tools_and_the_lawyer_the_legal_aid_ones(people):
    mediator = {link["label"] for s in navigation_sections(people[Role.MEDIATOR]) for link in s["links"]}
    lawyer = {link["label"] for s in navigation_sections(people[Role.LAWYER]) for link in s["links"]}
    assert "纠纷台账" in mediator and "法律援助案件" not in mediator
    assert "法律援助案件" in lawyer and "纠纷台账" not in lawyer
    staff = {link["label"] for s in navigation_sections(people[Role.OFFICE_STAFF]) for link in s["links"]}
    assert {"纠纷台账", "矛盾纠纷排查", "公证事项办理", "补贴与经济困难标准"} <= staff
