from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2Hasher(Argon2PasswordHasher):
    """Argon2id with test-sized cost: the production parameters take ~0.5 s per hash on a small machine.
    Same algorithm name and encoding, so hashes made by either verify with the other."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1
