"""`make bench`: run every bench/*_bench.py in turn and print their figures. Exits non-zero if one fails."""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    scripts = sorted(HERE.glob("*_bench.py"))
    if not scripts:
        print("no benchmarks found")
        return 1
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(script), *sys.argv[1:]], cwd=HERE.parent)
        print(f"== {script.name}: {'ok' if code == 0 else f'FAILED (exit {code})'} "
              f"in {time.monotonic() - started:.0f} s\n", flush=True)
        if code != 0:
            failed.append(script.name)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
