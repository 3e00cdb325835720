"""`make test`: the whole suite, fast and slow, with browser tests when Debian's Chromium is present.

Exits with pytest's status, except that "no tests collected" (5) is an error here too."""

import os
import shutil
import subprocess
import sys


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def main() -> int:
    env = dict(os.environ)
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1:
        args += ["-n", str(workers)]  # pytest-xdist; each worker gets its own test database
    chromium = chromium_path()
    if chromium:
        env["SIFA_CHROMIUM"] = chromium
    else:
        print("未找到 Chromium（Debian 的 chromium 包）：浏览器测试将被跳过。", flush=True)
        print("No Chromium found (Debian package 'chromium'): browser tests are skipped.", flush=True)
        args += ["-m", "not browser"]
    args += sys.argv[1:]
    print("database:", "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "embedded SQLite",
          flush=True)
    return subprocess.call(args, env=env)


if __name__ == "__main__":
    sys.exit(main())
