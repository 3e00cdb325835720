"""Finding duplicate rows in a file of any length without keeping its keys in memory.

The keys seen so far live in a private, temporary on-disk SQLite database (SQLite deletes it when the
connection closes), with a small page cache, so a 200,000-row file costs the same memory as a 2,000-row one.
"""

import hashlib
import sqlite3


class DuplicateIndex:
    def __init__(self):
        self.db = sqlite3.connect("")   # "" = a temporary database on disk, removed on close
        self.db.execute("PRAGMA cache_size=-2048")   # 2 MB
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE seen (digest INTEGER PRIMARY KEY, row INTEGER NOT NULL)")
        self.db.execute("BEGIN")

    @staticmethod
    def _digest(key) -> int:
        raw = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(raw, "big", signed=True)

    def duplicates(self, items: list[tuple[object, int]]) -> dict[int, int]:
        """Remember a batch of (key, row); return {row: first row with the same key} for the repeats, whether
        the first occurrence is in this batch or an earlier one. One query and one insert per batch."""
        first_here: dict[int, int] = {}
        repeats: dict[int, int] = {}
        for key, row in items:
            digest = self._digest(key)
            if digest in first_here:
                repeats[row] = first_here[digest]
            else:
                first_here[digest] = row
        digests = list(first_here)
        earlier: dict[int, int] = {}
        for start in range(0, len(digests), 500):
            chunk = digests[start:start + 500]
            marks = ",".join("?" * len(chunk))
            earlier.update(self.db.execute(f"SELECT digest, row FROM seen WHERE digest IN ({marks})", chunk))
        for digest, row in first_here.items():
            if digest in earlier:
                repeats[row] = earlier[digest]
        self.db.executemany("INSERT INTO seen (digest, row) VALUES (?, ?)",
                            [(d, r) for d, r in first_here.items() if d not in earlier])
        return repeats

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
