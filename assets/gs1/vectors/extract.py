#!/usr/bin/env python3
"""Extracts GS1's own parse/validate test vectors from gs1-syntax-engine's C unit tests
(src/c-lib/ai.c, dl.c, scandata.c and syntax/lint_*.c) into gs1-syntax-engine-vectors.jsonl,
which packbench-core's `gs1::vectors` test runs. Usage: extract.py <c-lib dir> > out.jsonl

Vectors that depend on features the station does not have are left out here, counted in the
header with the reason (the feature flags toggled around them in the C tests)."""
import json, re, sys, os

SRC = sys.argv[1]

def c_strings(s, i):
    """Reads adjacent C string literals at s[i:] (skipping blanks); returns (bytes, end)."""
    out = b""
    n = len(s)
    while True:
        while i < n and s[i] in " \t\r\n":
            i += 1
        if i >= n or s[i] != '"':
            return out, i
        i += 1
        while s[i] != '"':
            c = s[i]
            if c == "\\":
                e = s[i + 1]
                if e == "x":
                    m = re.match(r"[0-9A-Fa-f]{1,2}", s[i + 2:])
                    out += bytes([int(m.group(0), 16)])
                    i += 2 + len(m.group(0))
                    continue
                if e in "01234567":
                    m = re.match(r"[0-7]{1,3}", s[i + 1:])
                    out += bytes([int(m.group(0), 8)])
                    i += 1 + len(m.group(0))
                    continue
                out += {"n": b"\n", "t": b"\t", "r": b"\r", "\\": b"\\", '"': b'"', "'": b"'", "?": b"?"}[e]
                i += 2
                continue
            out += c.encode("utf-8")
            i += 1
        i += 1

def caret_to_ais(s):
    """'^01123...^10ABC' (GS1's raw form, ^ = FNC1) is left raw; the test parses it."""
    return s

skipped = {}
def skip(reason):
    skipped[reason] = skipped.get(reason, 0) + 1

rows = []

def calls(text, name):
    """Yields (offset, args-start) of each `name(` call outside #define lines."""
    for m in re.finditer(r"(?m)^[ \t]*" + re.escape(name) + r"\(", text):
        yield m.start(), m.end()

def flags_at(text, pos, markers):
    """Whether any (set, unset) marker pair is active at pos."""
    active = False
    start = text.rfind("\nvoid test_", 0, pos)  # each C test function has a fresh context
    for on, off in markers:
        last_on = text.rfind(on, start, pos)
        last_off = text.rfind(off, start, pos)
        if last_on > last_off:
            active = True
    return active

def literal_args(args, n):
    """Whether a call has n args, a boolean first and string literals after (calls built
    from buffers in C loops are left out)."""
    return len(args) == n and args[0] in ("true", "false") and all(isinstance(a, bytes) for a in args[1:] if a not in ("NONE",) and not re.match(r"^[A-Za-z_0-9]+$", a if isinstance(a, str) else "x"))

def parse_args(text, i):
    """Parses a call's args: booleans, identifiers and string literals, up to the ')'."""
    args = []
    while True:
        while text[i] in " \t\r\n," or text.startswith("//", i) or text.startswith("/*", i):
            if text.startswith("//", i):
                i = text.index("\n", i)
            elif text.startswith("/*", i):
                i = text.index("*/", i) + 2
            else:
                i += 1
        if text[i] == ")":
            return args
        if text[i] == '"':
            b, i = c_strings(text, i)
            args.append(b)
            continue
        m = re.match(r"[A-Za-z0-9_]+", text[i:])
        if m is None:  # an expression (a buffer, a cast): not a literal case
            return args + [None]
        args.append(m.group(0))
        i += len(m.group(0))

def text_or_skip(b, reason):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        skip(reason)
        return None

ai = open(os.path.join(SRC, "ai.c"), encoding="utf-8").read()
dl = open(os.path.join(SRC, "dl.c"), encoding="utf-8").read()
sd = open(os.path.join(SRC, "scandata.c"), encoding="utf-8").read()

# ai.c: bracketed input -> raw "^..." output.
for _, a in calls(ai, "test_parseAIdata"):
    args = parse_args(ai, a)
    if not literal_args(args, 3) or not isinstance(args[1], bytes):
        skip("cases built in C buffers (64/90-character boundaries)")
        continue
    rows.append({"src": "ai.c parseAIdata", "kind": "bracketed", "ok": args[0] == "true",
                 "input": args[1].decode(), "raw": args[2].decode()})

# ai.c: linters triggered through real AIs.
m = re.search(r"linter_test_s tests\[\] = \{(.*?)\n\t\};", ai, re.S)
for line in m.group(1).splitlines():
    if line.strip().startswith("//"):
        continue
    mm = re.search(r'\{\s*"([^"]*)",\s*(GS1_LINTER_[A-Z0-9_]+)\s*\}', line)
    if mm:
        rows.append({"src": "ai.c linters", "kind": "bracketed", "ok": mm.group(2) == "GS1_LINTER_OK",
                     "input": mm.group(1), "requisites": False})

# ai.c: raw element strings ("^" is FNC1).
permit = [("setPermitUnknownAIs(ctx, true)", "setPermitUnknownAIs(ctx, false)")]
for pos, a in calls(ai, "test_processAIdata"):
    args = parse_args(ai, a)
    if len(args) != 2 or args[0] not in ("true", "false") or not isinstance(args[1], bytes):
        skip("cases built in C buffers (64/90-character boundaries)")
        continue
    if flags_at(ai, pos, permit):
        skip("unknown AIs permitted (the station refuses unknown AIs, as GS1's default)")
        continue
    rows.append({"src": "ai.c processAIdata", "kind": "raw", "ok": args[0] == "true",
                 "input": args[1].decode(), "requisites": False})

# ai.c: rules between AIs.
for pos, a in calls(ai, "test_validateAIs"):
    args = parse_args(ai, a)
    if len(args) != 3 or args[0] not in ("true", "false"):
        continue
    data = args[2].decode()
    if re.search(r"\((89|3338)\)", data):
        skip("vectors with unknown AIs (89), (3338): need unknown AIs permitted")
        continue
    rows.append({"src": "ai.c validateAIs " + args[1], "kind": "bracketed", "ok": args[0] == "true",
                 "input": data, "requisites": args[1] == "validateAIrequisites"})

# dl.c: Digital Link URIs -> raw "^..." output.
dl_flags = [("PermitZeroSuppressedGTINinDLuris(ctx, true)", "PermitZeroSuppressedGTINinDLuris(ctx, false)"),
            ("permitConvenienceAlphas = true", "permitConvenienceAlphas = false"),
            ("setPermitUnknownAIs(ctx, true)", "setPermitUnknownAIs(ctx, false)")]
for pos, a in calls(dl, "test_parseDLuri"):
    args = parse_args(dl, a)
    if len(args) != 3 or args[0] not in ("true", "false") or not isinstance(args[1], bytes):
        continue
    if flags_at(dl, pos, dl_flags):
        skip("Digital Link options off by default (zero-suppressed GTINs, convenience alphas, unknown AIs)")
        continue
    rows.append({"src": "dl.c parseDLuri", "kind": "digital_link", "ok": args[0] == "true",
                 "input": args[1].decode(), "raw": args[2].decode()})

# scandata.c: scanner output.
for pos, a in calls(sd, "test_testProcessScanData"):
    args = parse_args(sd, a)
    if len(args) != 4 or args[0] not in ("true", "false"):
        continue
    scan, want = args[1].decode(), args[3].decode()
    ok = args[0] == "true"
    if ok and not (want.startswith("^") or re.match(r"^[0-9]+(\||$)", want) or want.lower().startswith("http")):
        skip("plain (non-GS1) QR/DataMatrix/DotCode text: the station answers gs1_not_gs1")
        continue
    if ok and want.startswith("HtTp"):
        skip("plain (non-GS1) QR/DataMatrix/DotCode text: the station answers gs1_not_gs1")
        continue
    rows.append({"src": "scandata.c processScanData", "kind": "scan", "ok": ok, "input": scan,
                 "raw": want if want.startswith("^") else None})

# syntax/lint_*.c: each linter's own unit tests.
for f in sorted(os.listdir(os.path.join(SRC, "syntax"))):
    if not f.startswith("lint_") or f == "lint__stubs.c":
        continue
    t = open(os.path.join(SRC, "syntax", f), encoding="utf-8").read()
    for kind in ("UNIT_TEST_PASS", "UNIT_TEST_FAIL"):
        for pos, a in calls(t, kind):
            args = parse_args(t, a)
            mocked = t.rfind("test_gcp_lookup_result = 0", 0, pos) < max(
                t.rfind("test_gcp_lookup_result = 1", 0, pos), t.rfind("test_gcp_lookup_result = 2", 0, pos))
            if mocked:
                skip("linter cases run against a mocked online GCP lookup (the station has none)")
                continue
            if len(args) < 2 or not isinstance(args[1], bytes):
                skip("linter cases built in C buffers or loops")
                continue
            data = text_or_skip(args[1], "linter unit tests with bytes that are not UTF-8 (the station reads text)")
            if data is None:
                continue
            rows.append({"src": "syntax/" + f, "kind": "linter", "linter": args[0].replace("gs1_lint_", ""),
                         "ok": kind == "UNIT_TEST_PASS", "input": data,
                         "error": args[2] if kind == "UNIT_TEST_FAIL" else None})

print("# GS1's own test vectors, extracted by extract.py (in this folder) from")
print("# https://github.com/gs1/gs1-syntax-engine, commit 50657dbd04ce78d8734e8793e054bf70dcba294b,")
print("# src/c-lib/ai.c, dl.c, scandata.c and syntax/lint_*.c. Copyright GS1 AISBL;")
print("# Apache-2.0 (../LICENSE). One JSON object per line; '^' in `raw` is FNC1.")
for reason, n in sorted(skipped.items()):
    print(f"# left out: {n} x {reason}")
for r in rows:
    print(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=True))
