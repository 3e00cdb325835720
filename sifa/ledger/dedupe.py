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

    def first_row(self, key, row: int) -> int | None:
        """Remember `key` at `row`; if it was seen before, the row where it was first seen."""
        digest = self._digest(key)
        try:
            self.db.execute("INSERT INTO seen (digest, row) VALUES (?, ?)", (digest, row))
            return None
        except sqlite3.IntegrityError:
            return self.db.execute("SELECT row FROM seen WHERE digest = ?", (digest,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
