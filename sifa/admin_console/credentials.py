"""Initial passwords the system generates: 16 characters from all four classes, without look-alikes (0/O, 1/l/I),
so they satisfy the password rules (SECURITY.md A1) and can be read out over the phone."""

import secrets

GROUPS = ("ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!@#$%&*-_=+?")


def generate_password(length: int = 16) -> str:
    rng = secrets.SystemRandom()
    chars = [rng.choice(group) for group in GROUPS]
    pool = "".join(GROUPS)
    chars += [rng.choice(pool) for _ in range(length - len(chars))]
    rng.shuffle(chars)
    return "".join(chars)
