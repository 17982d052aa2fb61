#!/usr/bin/env python3
"""Lists the test binaries a `cargo test --no-run --message-format=json...` build produced.

dev.sh runs them itself, in lanes beside each other, as cargo test would run them one after
another. One line per binary: the package's directory (cargo test's working directory and
CARGO_MANIFEST_DIR), the executable, and a name (the target's name; `app` is the end-to-end
binary; `bench NAME` a benchmark program). In the order cargo built them, each binary once.

Usage: test_binaries.py ARTIFACTS_JSON
"""

import json
import os
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    seen = set()
    lines = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for raw in f:
            raw = raw.strip()
            if not raw.startswith("{"):
                continue
            msg = json.loads(raw)
            if msg.get("reason") != "compiler-artifact":
                continue
            exe = msg.get("executable")
            kind = msg["target"]["kind"][0]
            # Benchmarks are plain programs (no test harness): listed as `bench NAME`.
            if not exe or not (msg.get("profile", {}).get("test") or kind == "bench"):
                continue
            if exe in seen:
                continue
            seen.add(exe)
            target = msg["target"]
            if kind == "bench":
                name = f"bench {target['name']}"
            elif kind == "test":
                name = target["name"]
            else:
                name = f"{target['name']} ({kind} unit tests)"
            lines.append((os.path.dirname(msg["manifest_path"]), exe, name))
    if not lines:
        print("test_binaries.py: the build produced no test binaries", file=sys.stderr)
        return 1
    for line in lines:
        print("\t".join(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
