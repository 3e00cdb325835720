"""The org side of an evaluation: which unit a code names, whether the viewer may see it, and the subtree it
rolls up (its units' paths, divisions and names), cached until the org tree changes.

Aggregates filter records with `org_path IN (<paths of the subtree>)` rather than `org_path LIKE '<path>%'`:
the two select the same records (a record's org_path is its owner's path), but equality on the leading column
of an (org_path, date) index lets PostgreSQL and SQLite seek straight to each unit's dates in the period,
whatever the database collation, where a prefix LIKE scans every year of the subtree.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import cache

from . import versions
from .errors import OutOfScope, UnknownOrg

TOWNSHIP_CODE_LENGTH = 9
CACHE_SECONDS = 6 * 60 * 60


@dataclass(frozen=True)
class Unit:
    pk: int
    code: str
    name: str
    path: str
    division_id: str


@dataclass(frozen=True)
class OrgScope:
    """An org unit and its whole subtree, as plain values. Lookups over the units are computed once per scope
    (scopes are memoised per process, see org_scope)."""

    org: Unit
    units: tuple[Unit, ...]

    def _memo(self, name: str, compute):
        value = self.__dict__.get(name)
        if value is None:
            value = compute()
            object.__setattr__(self, name, value)
        return value

    @property
    def paths(self) -> list[str]:
        return self._memo("_paths", lambda: [u.path for u in self.units])

    def unit_for_path(self, path: str) -> Unit | None:
        return self._memo("_by_path", lambda: {u.path: u for u in self.units}).get(path)

    def children(self) -> list[Unit]:
        depth = self.org.path.count("/") + 1
        return self._memo("_children", lambda: [u for u in self.units if u.path.count("/") == depth])

    def child_code_for_path(self, path: str) -> str:
        """The code of the direct child of the org whose subtree holds `path`; "" for the org itself."""
        rest = path[len(self.org.path):]
        return rest.split("/", 1)[0] if rest else ""

    def township_of_path(self, path: str) -> str:
        unit = self.unit_for_path(path)
        code = unit.division_id if unit else ""
        return code[:TOWNSHIP_CODE_LENGTH] if len(code) >= TOWNSHIP_CODE_LENGTH else ""

    def partition_of_path(self, path: str) -> str:
        """The county partition of the records owned by the unit at `path` (see versions)."""
        return self._memo("_partition_by_path", lambda: {
            u.path: versions.partition_of_code(u.division_id) for u in self.units})[path]

    def partitions_of(self, paths: list[str]) -> dict[str, list[str]]:
        """{partition: [paths]} for a list of paths of this scope, in order."""
        if paths is self.paths:
            return self._memo("_partitions", lambda: self._group_by_partition(paths))
        return self._group_by_partition(paths)

    def _group_by_partition(self, paths: list[str]) -> dict[str, list[str]]:
        partition_of = self._memo("_partition_by_path", lambda: {
            u.path: versions.partition_of_code(u.division_id) for u in self.units})
        grouped: dict[str, list[str]] = {}
        for path in paths:
            grouped.setdefault(partition_of[path], []).append(path)
        return grouped

    def digest(self, paths: list[str]) -> str:
        """A short fingerprint of a list of paths (memoised for the partitions of the whole scope)."""
        memo = self._memo("_digests", dict)
        key = id(paths)
        found = memo.get(key)
        if found is None or found[0] is not paths:
            found = (paths, hashlib.sha1("\n".join(paths).encode()).hexdigest()[:16])
            memo[key] = found
        return found[1]


def _unit(org) -> Unit:
    return Unit(org.pk, org.code, org.name, org.path, org.division_id)


def resolve_org(org_or_code):
    """An OrgUnit from itself, its code (e.g. "341321-SFJ") or a division code (e.g. "341321": the top unit
    of that division, normally its 司法局)."""
    from sifa.core.models import OrgUnit

    if isinstance(org_or_code, OrgUnit):
        return org_or_code
    code = str(org_or_code or "").strip()
    if not code:
        raise UnknownOrg("请选择机构（机构代码或行政区划代码）。")
    org = OrgUnit.objects.filter(code=code).select_related("division").first()
    if org is None and code.isdigit():
        candidates = list(OrgUnit.objects.filter(division_id=code).select_related("division"))
        if candidates:
            org = min(candidates, key=lambda o: (o.path.count("/"), o.path))
    if org is None:
        raise UnknownOrg(f"机构“{code}”不存在：请填写机构代码（如 341321-SFJ）或行政区划代码（如 341321）。")
    return org


def check_scope(user, org) -> None:
    """The viewer may see figures of `org` only if it lies in their own subtree and their role views dashboards."""
    from sifa.core.access import reaches
    from sifa.core.roles import has_capability

    if user is None:
        return
    if not has_capability(user, "view_dashboard") or not reaches(user, org):
        raise OutOfScope("该机构不在您的数据范围内，或不存在。")


_SCOPES: OrderedDict = OrderedDict()
_SCOPES_KEPT = 256
_scopes_lock = threading.Lock()


def org_scope(org) -> OrgScope:
    """The subtree of `org`, memoised in this process until the org tree's version moves: a province holds
    thousands of units, and rebuilding (or unpickling) them for every figure would cost more than the figure."""
    if "core.orgunit" in versions.dirty_labels():
        return _build_scope(org)
    key = (org.pk, versions.versions(["core.orgunit"])[0])
    with _scopes_lock:
        scope = _SCOPES.get(key)
        if scope is not None:
            _SCOPES.move_to_end(key)
            return scope
    scope = _build_scope(org)
    with _scopes_lock:
        _SCOPES[key] = scope
        while len(_SCOPES) > _SCOPES_KEPT:
            _SCOPES.popitem(last=False)
    return scope


def _build_scope(org) -> OrgScope:
    from sifa.core.models import OrgUnit

    units = tuple(Unit(*row) for row in OrgUnit.objects.filter(path__startswith=org.path).order_by("path")
                  .values_list("pk", "code", "name", "path", "division_id"))
    return OrgScope(_unit(org), units)


def townships_under(division_code: str) -> list[tuple[str, str]]:
    """(code, name) of the township-level divisions in a division (itself, if it is one or lies in one)."""
    return _cached_lookup(["core.division"], f"townships:{division_code}", lambda: _townships_under(division_code))


def _townships_under(division_code: str) -> list[tuple[str, str]]:
    from sifa.core.models import Division

    if len(division_code) >= TOWNSHIP_CODE_LENGTH:
        code = division_code[:TOWNSHIP_CODE_LENGTH]
        name = Division.objects.filter(code=code).values_list("name", flat=True).first() or code
        return [(code, name)]
    return list(Division.objects.filter(code__startswith=division_code, level="township")
                .order_by("code").values_list("code", "name"))


def division_name(code: str) -> str:
    from sifa.core.models import Division

    return _cached_lookup(["core.division"], f"division_name:{code}",
                          lambda: Division.objects.filter(code=code).values_list("name", flat=True).first() or code)


@dataclass(frozen=True)
class PopulationFigure:
    division_code: str
    division_name: str
    year: int
    residents: int
    source: str


def population(division_code: str, year: int) -> PopulationFigure | None:
    """常住人口 of a division for a year; the latest earlier year stands in when that year is not yet entered."""
    return _cached_lookup(["core.population", "core.division"], f"population:{division_code}:{year}",
                          lambda: _population(division_code, year))


def _population(division_code: str, year: int) -> PopulationFigure | None:
    from sifa.core.models import Population

    row = (Population.objects.filter(division_id=division_code, year__lte=year).order_by("-year")
           .values_list("year", "residents", "source", "division__name").first())
    if row is None:
        return None
    return PopulationFigure(division_code, row[3], row[0], row[1], row[2])


_NONE = "∅"


def cached_lookup(labels: list[str], name: str, compute):
    """A small value derived from the models `labels`, cached until one of them changes (see versions)."""
    return _cached_lookup(labels, name, compute)


def _cached_lookup(labels: list[str], name: str, compute):
    """A small lookup cached until one of the models it reads changes (see versions)."""
    if set(labels) & versions.dirty_labels():
        return compute()
    raw = f"{name}|{versions.versions(labels)}"
    key = "sifa:indicators:lookup:" + hashlib.sha1(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, _NONE if value is None else value, CACHE_SECONDS)
    return None if value == _NONE else value
