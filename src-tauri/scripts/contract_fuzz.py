#!/usr/bin/env python3
"""Helpers of the contract fuzzing in dev.sh (standard library only).

  report HAR OPENAPI          prints, per operation of the contract, how many answers were 2xx
                              out of how many requests the fuzzer sent (HAR from schemathesis),
                              and fails when an operation never answered 2xx: the fuzzing did
                              not reach its business rules.

The supervisor's session and the realistic data are schemathesis hooks:
contract_fuzz_hooks.py.
"""
import json
import re
import sys
import urllib.request


def report(har_path, openapi_path):
    with open(openapi_path) as f:
        spec = json.load(f)
    ops = []
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "$")
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                ops.append((method.upper(), path, pattern))
    counts = {(m, p): [0, 0] for m, p, _ in ops}
    with open(har_path) as f:
        har = json.load(f)
    for e in har["log"]["entries"]:
        method = e["request"]["method"]
        path = urllib.request.urlparse(e["request"]["url"]).path
        for m, p, pat in ops:
            if m == method and pat.match(path):
                counts[(m, p)][1] += 1
                if 200 <= e["response"]["status"] < 300:
                    counts[(m, p)][0] += 1
                break
    width = max(len(f"{m} {p}") for m, p in counts)
    print("2xx answers per operation (of requests sent):")
    never = []
    for (m, p), (ok, n) in sorted(counts.items(), key=lambda kv: kv[0][1]):
        print(f"  {m + ' ' + p:<{width}}  {ok:>5} of {n}")
        if ok == 0:
            never.append(f"{m} {p}")
    if never:
        print(f"{len(never)} operations never answered 2xx: {', '.join(never)}")
        sys.exit(1)
    print(f"every one of the {len(counts)} operations answered 2xx at least once")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"report": report}[cmd](*args)
