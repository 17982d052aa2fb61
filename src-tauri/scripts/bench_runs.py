#!/usr/bin/env python3
"""Folds repeated runs of one benchmark into one report: `dev.sh bench` runs each benchmark
several times (PACKBENCH_BENCH_RUNS) and passes their outputs here.

    bench_runs.py RUN1.txt RUN2.txt ...

Each line whose words are the same in every run, only its numbers differing, is printed once
with every number as `min/median/p95` over the runs (so `p95 10 ms` over three runs reads
`p95 9/10/12 ms`). Where the runs printed different lines (a benchmark that lists what went
wrong, say), the runs are printed one after another instead. Standard library only.
"""
import re
import statistics
import sys

# A figure: a number standing alone (not part of a word such as p95, x86_64 or 4x6in).
NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")


def skeleton(line):
    return NUMBER.sub("#", line)


def numbers(line):
    return [float(n.replace(",", "")) for n in NUMBER.findall(line)]


def fmt(v, like):
    """v with the decimals of the number it stands for (`like`), thousands separators kept."""
    decimals = len(like.split(".")[1]) if "." in like else 0
    text = f"{v:,.{decimals}f}" if "," in like else f"{v:.{decimals}f}"
    return text


def p95(values):
    ordered = sorted(values)
    return ordered[round((len(ordered) - 1) * 0.95)]


def fold(runs):
    """The folded lines, or None when the runs' lines differ in more than their numbers."""
    if len({len(r) for r in runs}) != 1:
        return None
    out = []
    for lines in zip(*runs):
        if len({skeleton(line) for line in lines}) != 1:
            return None
        first = lines[0]
        if len({line for line in lines}) == 1:
            out.append(first)
            continue
        columns = list(zip(*(numbers(line) for line in lines)))
        texts = NUMBER.findall(first)
        parts = NUMBER.split(first)
        folded = parts[0]
        for k, col in enumerate(columns):
            if len(set(col)) == 1:
                folded += texts[k] + parts[k + 1]
                continue
            trio = (min(col), statistics.median(col), p95(col))
            folded += "/".join(fmt(v, texts[k]) for v in trio) + parts[k + 1]
        out.append(folded)
    return out


def main(paths):
    runs = []
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            runs.append(f.read().rstrip("\n").split("\n"))
    folded = fold(runs)
    if folded is None:
        for i, r in enumerate(runs, 1):
            print(f"-- run {i} of {len(runs)} (the runs' lines differ, so each is shown)")
            print("\n".join(r))
        return
    print(f"-- {len(runs)} runs; each figure that varied is min/median/p95 over them")
    print("\n".join(folded))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: bench_runs.py RUN1.txt [RUN2.txt ...]")
    main(sys.argv[1:])
