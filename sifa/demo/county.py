"""Builds the demo county 砀山县 (341321): divisions from the packaged data, the 县司法局 and its units, one
司法所 per real township, a few village mediation committees, one user per role, and the 2021 population.

Everything goes through `sifa.core.actions` (audited) and is looked up before it is created, so running the
demo again changes nothing. Township codes 1xx (镇) and 2xx (乡) get a 司法所; the 4xx entries of the
statistical code list (经济开发区, 薛楼板材加工园, 高铁新区) are development areas, not township governments,
and get none — their villages are served by the neighbouring 司法所 in reality, which the demo does not model.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from sifa.core import actions, audit, divisions
from sifa.core.middleware import password_change_due
from sifa.core.models import Division, OrgKind, OrgUnit, Population, Role, User
from sifa.core.models.audit import AuditEventType

from .registry import DemoContext

COUNTY_CODE = "341321"
COUNTY_NAME = "砀山县"
BUREAU_CODE = f"{COUNTY_CODE}-SFJ"

# 2021 resident population. The State statistics of the county for 2021 were not at hand; the figure is the
# 第七次全国人口普查 (2020-11-01) resident population as publicly reported (76.55万), used as a demo parameter.
POPULATION_YEAR = 2021
POPULATION_RESIDENTS = 765_500
POPULATION_SOURCE = "演示参数（待核）：第七次全国人口普查砀山县常住人口76.55万人（公开转载数），用作2021年常住人口"

# 局内科室: a common layout of a county bureau, for the demo (not 砀山县司法局's official 三定 list).
SECTIONS = (
    ("BGS", "办公室"),
    ("RMCJ", "人民参与和促进法治股"),
    ("GGFW", "公共法律服务管理股"),
    ("SQJZ", "社区矫正管理股"),
    ("FZDC", "法治督察与执法监督股"),
    ("XZFY", "行政复议与应诉股"),
    ("PFYZ", "普法与依法治理股"),
)

# Units directly under the bureau: key → (code suffix, name, kind).
UNITS = {
    "pls_center": ("GFZX", "砀山县公共法律服务中心", OrgKind.PLS_CENTER),
    "legal_aid_center": ("FYZX", "砀山县法律援助中心", OrgKind.LEGAL_AID_CENTER),
    "notary_office": ("GZC", "安徽省砀山县公证处", OrgKind.NOTARY_OFFICE),
    "corrections_center": ("SJZX", "砀山县社区矫正中心", OrgKind.CORRECTIONS_CENTER),
    "law_firm": ("LS001", "砀山演示律师事务所", OrgKind.LAW_FIRM),  # fictitious firm, for the lawyer account
}

# Village mediation committees: the first villages of these townships.
COMMITTEE_TOWNS = ("341321100", "341321101", "341321102")
COMMITTEES_PER_TOWN = 2

TOWNSHIP_SUFFIXES = ("街道办事处", "街道", "镇", "乡")
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    full_name: str
    org_key: str  # "bureau", "office:0", "committee:0", or a UNITS key


ACCOUNTS = (
    DemoAccount("demo_leader", Role.LEADER, "王振华", "bureau"),
    DemoAccount("demo_section", Role.SECTION_STAFF, "李晓敏", "bureau"),
    DemoAccount("demo_office", Role.OFFICE_STAFF, "张卫东", "office:0"),
    DemoAccount("demo_office_b", Role.OFFICE_STAFF, "马俊", "office:1"),
    DemoAccount("demo_mediator", Role.MEDIATOR, "赵秀英", "committee:0"),
    DemoAccount("demo_corrections", Role.CORRECTIONS_OFFICER, "陈国强", "corrections_center"),
    DemoAccount("demo_lawyer", Role.LAWYER, "周文涛", "law_firm"),
    DemoAccount("demo_sysadmin", Role.SYSTEM_ADMIN, "孙浩", "bureau"),
    DemoAccount("demo_secadmin", Role.SECURITY_ADMIN, "吴磊", "bureau"),
    DemoAccount("demo_auditor", Role.AUDIT_ADMIN, "郑丽", "bureau"),
)

LOGINS_FILE_NAME = "demo_logins.txt"
_PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "lIO0o1")


# --- names -----------------------------------------------------------------------------------------------------

def _strip_suffix(name: str, suffixes) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def justice_office_name(township: Division) -> str:
    """砀城镇 → 砀城司法所."""
    return _strip_suffix(township.name, TOWNSHIP_SUFFIXES) + "司法所"


def committee_name(village: Division) -> str:
    """城隍庙社区居委会 → 城隍庙社区人民调解委员会; 汪屯村委会 → 汪屯村人民调解委员会."""
    stem = _strip_suffix(village.name, VILLAGE_SUFFIXES)
    if not stem.endswith(("社区", "村")):
        stem += "村"
    return stem + "人民调解委员会"


def has_justice_office(township: Division) -> bool:
    """Township governments (镇 1xx, 乡 2xx) have a 司法所; statistical 4xx areas do not."""
    return township.code[6] in "12"


# --- passwords -------------------------------------------------------------------------------------------------

def generate_password() -> str:
    """Four groups of four unambiguous letters and digits joined by “-”: 19 characters, all four classes."""
    while True:
        password = "-".join("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
        if any(c.islower() for c in password) and any(c.isupper() for c in password) and any(
                c.isdigit() for c in password):
            return password


def logins_path():
    return settings.VAR_DIR / LOGINS_FILE_NAME


def read_logins() -> dict[str, str]:
    """username → password from var/demo_logins.txt (lines “username<TAB>password”, # comments)."""
    path = logins_path()
    if not path.exists():
        return {}
    logins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 2:
                logins[parts[0].strip()] = parts[1].strip()
    return logins


def write_logins(logins: dict[str, str]) -> None:
    path = logins_path()
    lines = ["# Sifa 演示账号与密码（仅供演示；重复运行 sifa demo 时沿用）。", "# 账号\t密码"]
    lines += [f"{username}\t{password}" for username, password in logins.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)


# --- building --------------------------------------------------------------------------------------------------

def _ensure_org(code: str, name: str, kind: str, division: Division, parent: OrgUnit | None) -> OrgUnit:
    org = OrgUnit.objects.filter(code=code).first()
    if org is None:
        return actions.create_org_unit(None, code=code, name=name, kind=kind, division=division, parent=parent)
    changes = {field: value for field, value in (("name", name), ("kind", kind), ("parent", parent), ("active", True))
               if getattr(org, field) != value}
    return actions.update_org_unit(None, org, **changes) if changes else org


def _ensure_user(account: DemoAccount, org: OrgUnit, password: str) -> User:
    user = User.objects.filter(username=account.username).first()
    if user is None:
        user = actions.create_user(None, username=account.username, full_name=account.full_name,
                                   role=account.role, org=org, initial_password=password)
        # Demo accounts skip the forced first change (SECURITY.md A1 applies to real accounts), so the printed
        # logins work as printed; the passwords are random and kept only in var/demo_logins.txt.
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False
        audit.record(AuditEventType.CONFIG, obj=user, verb="演示账号免于首次修改密码")
        return user
    if user.role != account.role:
        actions.change_role(None, user, account.role)
    stale = (not user.is_active or user.org_id != org.pk or user.must_change_password
             or password_change_due(user) or not user.check_password(password))
    if stale:
        user.org, user.is_active, user.must_change_password = org, True, False
        user.set_password(password)
        user.save()
        audit.record(AuditEventType.CONFIG, obj=user, verb="恢复演示账号")
    from axes.utils import reset

    reset(username=account.username)
    return user


@transaction.atomic
def build_county(log=print) -> DemoContext:
    """The county, its org tree and its users; returns the context handed to the business lines' builders."""
    for result, what in ((divisions.load_national_counties(), "全国县级区划"),
                         (divisions.load_packaged_county(COUNTY_CODE), f"{COUNTY_NAME}乡镇与村居")):
        log(f"{what}：{result}")
    county = Division.objects.get(code=COUNTY_CODE)
    if not Population.objects.filter(division=county, year=POPULATION_YEAR, residents=POPULATION_RESIDENTS,
                                     source=POPULATION_SOURCE).exists():
        actions.set_population(None, division=county, year=POPULATION_YEAR, residents=POPULATION_RESIDENTS,
                               source=POPULATION_SOURCE)

    bureau = _ensure_org(BUREAU_CODE, f"{COUNTY_NAME}司法局", OrgKind.COUNTY_BUREAU, county, None)
    sections = {name: _ensure_org(f"{BUREAU_CODE}-{suffix}", name, OrgKind.BUREAU_OFFICE, county, bureau)
                for suffix, name in SECTIONS}
    units = {key: _ensure_org(f"{COUNTY_CODE}-{suffix}", name, kind, county, bureau)
             for key, (suffix, name, kind) in UNITS.items()}
    townships = list(Division.objects.filter(parent=county).order_by("code"))
    offices = [_ensure_org(f"{town.code}-SFS", justice_office_name(town), OrgKind.JUSTICE_OFFICE, town, bureau)
               for town in townships if has_justice_office(town)]
    office_by_town = {office.division_id: office for office in offices}
    committees = []
    for town_code in COMMITTEE_TOWNS:
        for village in Division.objects.filter(parent_id=town_code).order_by("code")[:COMMITTEES_PER_TOWN]:
            committees.append(_ensure_org(f"{village.code}-TWH", committee_name(village),
                                          OrgKind.MEDIATION_COMMITTEE, village, office_by_town[town_code]))
    skipped = [town.name for town in townships if not has_justice_office(town)]
    log(f"{COUNTY_NAME}：{len(townships)}个乡级区划，设{len(offices)}个司法所"
        + (f"（{'、'.join(skipped)}为开发区/园区等统计区域，不设司法所）" if skipped else "") + "。")

    orgs = {"bureau": bureau, **units}
    orgs.update({f"office:{i}": office for i, office in enumerate(offices)})
    orgs.update({f"committee:{i}": committee for i, committee in enumerate(committees)})
    logins = read_logins()
    users, extra_users = {}, {}
    for account in ACCOUNTS:
        password = logins.get(account.username)
        if password is None:
            password = generate_password()
            validate_password(password)
            logins[account.username] = password
        user = _ensure_user(account, orgs[account.org_key], password)
        users.setdefault(account.role, user)
        extra_users[account.username] = user
    write_logins(logins)
    return DemoContext(county=county, bureau=bureau, offices=offices, sections=sections, units=units,
                       committees=committees, users=users, extra_users=extra_users,
                       today=timezone.localdate(), log=log)


def logins_table() -> list[tuple[str, str, str, str, str]]:
    """(角色, 账号, 密码, 姓名, 所属机构) of every demo account, as printed at the end of `sifa demo`."""
    logins = read_logins()
    rows = []
    for account in ACCOUNTS:
        user = User.objects.select_related("org").filter(username=account.username).first()
        if user is not None:
            rows.append((user.get_role_display(), user.username, logins.get(user.username, "（未知）"),
                         user.full_name, user.org.name if user.org_id else ""))
    return rows
