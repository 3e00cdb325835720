"""Plugs the mediation line into the shared registries (navigation, ledger, indicators, API, demo, deadlines)."""


def register_all() -> None:
    pass
