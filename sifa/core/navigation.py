"""Navigation by business line. Each app registers its entries in its AppConfig.ready(); the shell renders them
for the roles that may use them."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavEntry:
    section: str          # business line heading, e.g. "人民调解"
    label: str            # link text
    url_name: str         # a URL name, reversed at render time
    capability: str = "read_records"
    order: int = 100
    roles: frozenset = field(default_factory=frozenset)  # empty = every role holding the capability


_entries: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    if entry not in _entries:
        _entries.append(entry)


def entries_for(user) -> list[NavEntry]:
    from .roles import has_capability, may_use

    return sorted((e for e in _entries if has_capability(user, e.capability) and (not e.roles or user.role in e.roles)
                   and may_use(user, e.url_name)),
                  key=lambda e: (e.order, e.section, e.label))
