#!/usr/bin/env python3
"""Helpers of the contract fuzzing in dev.sh (standard library only).

  session URL TOKEN STATION   signs in the training backend's first supervisor (their badge from
                              the training hints) and prints the session token, so the fuzzer
                              reaches the supervisor endpoints instead of their 401.
  report HAR OPENAPI          prints, per operation of the contract, how many answers were 2xx
                              out of how many requests the fuzzer sent (HAR from schemathesis).
"""
import json
import re
import sys
import urllib.request


def call(url, token, station, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    req.add_header("x-station-id", station)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def session(base, token, station):
    hints = call(f"{base}/v1/training/hints", token, station)
    sup = next(m for m in hints["crew"] if m["role"] == "supervisor")
    signed = call(f"{base}/v1/sign-in", token, station, "POST",
                  {"method": "badge", "badge": sup["badge"]})
    print(signed["session_token"])


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


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"session": session, "report": report}[cmd](*args)
