"""The demo county: 砀山县 (341321) with its real townships and villages, its justice bureau, units, one user per
role, and whatever demo records the business lines register (see `sifa.demo.registry`). Run by `sifa demo`."""
