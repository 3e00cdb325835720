import re

import pytest
from django.core.management import call_command

from sifa.core.models import AuditEvent, Division, OrgKind, OrgUnit, Population, Role, User
from sifa.demo import county, registry


@pytest.fixture
def demo_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    # Each business line tests its own demo records (tests/<line>/test_demo.py); here only the county is
    # built, so the lines' builders are set aside for the test and put back afterwards.
    registry.autodiscover()
    line_builders = dict(registry._builders)
    registry._builders.clear()
    yield tmp_path
    registry._builders.clear()
    registry._builders.update(line_builders)


@pytest.fixture
def builders():
    """Builders registered by a test are removed afterwards."""
    before = dict(registry._builders)
    yield
    registry._builders.clear()
    registry._builders.update(before)


def counts():
    return {model.__name__: model.objects.count() for model in (Division, OrgUnit, User, Population)}


def parse_logins(output: str) -> dict[str, str]:
    return dict(re.findall(r"(demo_\w+)\s+(\S{4}-\S{4}-\S{4}-\S{4})", output))


def test_demo_builds_the_county_once_however_often_it_runs(db, demo_var, capsys):
    call_command("demo", "--no-serve")
    first_output = capsys.readouterr().out
    creations = AuditEvent.objects.filter(verb__in=["新建机构", "新建账号", "导入行政区划", "设置常住人口"])
    first, first_creations = counts(), creations.count()
    call_command("demo", "--no-serve")
    second_output = capsys.readouterr().out
    assert counts() == first
    assert creations.count() == first_creations > 0
    # the same passwords are printed again
    assert parse_logins(first_output) == parse_logins(second_output) != {}
    assert "未变194条" in second_output


def test_the_county_has_its_real_townships_and_a_justice_office_per_township(db, demo_var):
    ctx = county.build_county(log=lambda message: None)
    assert Division.objects.filter(parent_id="341321").count() == 16
    assert Division.objects.filter(code__startswith="341321", level="village").count() == 175
    assert Division.objects.get(code="341321100001").full_name == "安徽省宿州市砀山县砀城镇城隍庙社区居委会"
    offices = OrgUnit.objects.filter(kind=OrgKind.JUSTICE_OFFICE)
    assert offices.count() == 13 == len(ctx.offices)
    assert offices.get(division_id="341321100").name == "砀城司法所"
    assert not offices.filter(division__code__startswith="3413214").exists()  # development zones get none
    for kind in (OrgKind.PLS_CENTER, OrgKind.LEGAL_AID_CENTER, OrgKind.NOTARY_OFFICE, OrgKind.CORRECTIONS_CENTER):
        assert OrgUnit.objects.get(kind=kind).parent == ctx.bureau
    committees = OrgUnit.objects.filter(kind=OrgKind.MEDIATION_COMMITTEE)
    assert committees.count() == len(ctx.committees) >= 3
    assert all(c.is_within(OrgUnit.objects.get(division_id=c.division.parent_id)) for c in committees)
    assert OrgUnit.objects.filter(kind=OrgKind.BUREAU_OFFICE, parent=ctx.bureau).count() == len(county.SECTIONS)
    population = Population.objects.get(division_id="341321", year=2021)
    assert population.residents > 0 and "演示" in population.source


def test_every_role_has_a_demo_user(db, demo_var):
    ctx = county.build_county(log=lambda message: None)
    assert set(ctx.users) == set(Role.values)
    for role in Role.values:
        user = User.objects.get(username__startswith="demo_", role=role, username=ctx.users[role].username)
        assert user.org_id and not user.must_change_password


def test_printed_logins_work(client, db, demo_var, capsys):
    call_command("demo", "--no-serve")
    logins = parse_logins(capsys.readouterr().out)
    assert len(logins) == len(county.ACCOUNTS)
    assert (demo_var / county.LOGINS_FILE_NAME).stat().st_mode & 0o077 == 0  # readable by the owner only
    for username, password in logins.items():
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.get("/").status_code == 200, username  # no forced password change
        client.logout()


def test_a_changed_demo_password_is_restored_on_rerun(db, demo_var):
    county.build_county(log=lambda message: None)
    user = User.objects.get(username="demo_office")
    user.set_password("Someone-Else-Changed-1t")
    user.save()
    county.build_county(log=lambda message: None)
    user.refresh_from_db()
    assert user.check_password(county.read_logins()["demo_office"])


def test_registered_builders_get_the_county_and_failures_are_contained(db, demo_var, builders, capsys):
    seen = []

    def good(ctx):
        seen.append((ctx.county.code, ctx.bureau.code, ctx.users[Role.OFFICE_STAFF].username, ctx.rng.random()))

    def broken(ctx):
        OrgUnit.objects.filter(code="341321-SFJ").update(name="被改坏的名称")
        raise RuntimeError("示例错误")

    registry.register("测试业务", good, order=1)
    registry.register("坏的业务", broken, order=2)
    call_command("demo", "--no-serve")
    call_command("demo", "--no-serve")
    assert seen[0] == seen[1] and seen[0][:3] == ("341321", "341321-SFJ", "demo_office")  # deterministic rng
    assert "演示数据“坏的业务”生成失败" in capsys.readouterr().err
    assert OrgUnit.objects.get(code="341321-SFJ").name == "砀山县司法局"  # the broken builder was rolled back


def test_demo_serves_with_waitress_on_the_given_address(db, demo_var, capsys, monkeypatch):
    calls = []

    class FakeServer:
        def run(self):
            calls.append("run")

        def close(self):
            calls.append("close")

    def create_server(app, host, port, **kwargs):
        calls.append((host, port))
        return FakeServer()

    monkeypatch.setattr("waitress.create_server", create_server)
    call_command("demo", "--host", "127.0.0.1", "--port", "8123")
    assert calls == [("127.0.0.1", 8123), "run", "close"]
    assert "Sifa 演示已启动：http://127.0.0.1:8123/" in capsys.readouterr().out
