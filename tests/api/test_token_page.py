"""The page where staff create and revoke their API tokens."""

from sifa.core import navigation
from sifa.core.models import ApiToken, Role
from tests import factories

from .conftest import denied_rows


def test_create_shows_the_key_once(logged_in, office_user):
    page = logged_in.post("/api/tokens/", {"name": "统计报表对接", "days": "30"})
    assert page.status_code == 200
    token = ApiToken.objects.get(user=office_user)
    html = page.content.decode()
    key = html.split('<code class="token-key">')[1].split("</code>")[0]
    assert key.startswith("sifa_") and ApiToken.hash_key(key) == token.key_hash
    assert "只显示这一次" in html and page["Cache-Control"] == "no-store"
    again = logged_in.get("/api/tokens/").content.decode()
    assert key not in again and "统计报表对接" in again and f"sifa_{token.prefix}…" in again


def test_bad_form_creates_nothing(logged_in):
    page = logged_in.post("/api/tokens/", {"name": "  ", "days": "10000"})
    assert page.status_code == 200 and "token-key" not in page.content.decode()
    assert "has-error" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_own_and_not_others(logged_in, office_user, other_office_user):
    mine, _ = ApiToken.issue(office_user, "我的")
    theirs, _ = ApiToken.issue(other_office_user, "别人的")
    assert logged_in.get("/api/tokens/").content.decode().count("吊销</button>") == 1
    response = logged_in.post(f"/api/tokens/{mine.pk}/revoke/")
    assert response.status_code == 302
    assert logged_in.post(f"/api/tokens/{theirs.pk}/revoke/").status_code == 404
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked and not theirs.revoked
    assert denied_rows("core.apitoken", theirs.pk).exists()


def test_page_needs_a_current_password(client, tree):
    user = factories.user(tree["office_a"], must_change_password=True)
    client.force_login(user)
    assert client.get("/api/tokens/")["Location"] == "/accounts/password/"


def test_staff_and_system_administrators_find_it_in_the_menu(office_user, tree):
    admin = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN)
    auditor = factories.user(tree["bureau"], role=Role.AUDIT_ADMIN)
    for user in (office_user, admin):
        assert "api:tokens" in {e.url_name for e in navigation.entries_for(user)}
    assert "api:tokens" not in {e.url_name for e in navigation.entries_for(auditor)}
