#!/usr/bin/env python3
"""Folds repeated runs of one benchmark into one report: `dev.sh bench` runs each benchmark
several times (PACKBENCH_BENCH_RUNS) and passes their outputs here.

    bench_runs.py RUN1.txt RUN2.txt ...

Each line is printed once with every figure that varied as `min/median/p95` over the runs (so
`p95 10 ms` over three runs reads `p95 9/10/12 ms`), and words that varied as each run's words
joined by `|` (`met|MISSED`). Where the runs printed different numbers of lines or figures (a
benchmark that lists what went wrong, say), the runs are printed one after another instead. Standard library only.
"""
import re
import statistics
import sys

# A figure: a number standing alone or with its unit (`10 ms`, `0.83s`, `587.53µs`, `12 %`), not
# part of a word such as p95, x86_64 or 4x6in.
NUMBER = re.compile(
    r"(?<![\w.])[-+]?\d+(?:,\d{3})*(?:\.\d+)?(?=(?:µs|ns|ms|s|MiB|KiB|MB|kB|B)?(?!\w))"
)


def numbers(line):
    return [float(n.replace(",", "")) for n in NUMBER.findall(line)]


def words(line):
    """The line's text between its figures, spacing ignored (figures are padded to widths)."""
    return [" ".join(part.split()) for part in NUMBER.split(line)]


def fmt(v, like):
    """v with the decimals of the number it stands for (`like`), thousands separators kept."""
    decimals = len(like.split(".")[1]) if "." in like else 0
    sign = "+" if like.startswith("+") else ""
    return f"{v:{sign},.{decimals}f}" if "," in like else f"{v:{sign}.{decimals}f}"


def p95(values):
    ordered = sorted(values)
    return ordered[round((len(ordered) - 1) * 0.95)]


def merge_words(part, variants):
    """`part` (the first run's text) with each word that varied as its variants joined by `|`;
    the whole variants so joined when the runs have different numbers of words."""
    split = [v.split() for v in variants]
    if len({len(w) for w in split}) != 1:
        return "|".join(variants)
    merged = []
    for column in zip(*split):
        distinct = list(dict.fromkeys(column))
        merged.append("|".join(distinct))
    lead = part[: len(part) - len(part.lstrip())]
    trail = part[len(part.rstrip()):]
    return lead + " ".join(merged) + trail


def fold(runs):
    """The folded lines, or None when the runs printed different numbers of lines or figures.
    Text that differs between runs (a verdict: met in one, MISSED in another) is shown as each
    run's words joined by `|`."""
    if len({len(r) for r in runs}) != 1:
        return None
    out = []
    for lines in zip(*runs):
        first = lines[0]
        if len(set(lines)) == 1:
            out.append(first)
            continue
        texts = [NUMBER.findall(line) for line in lines]
        if len({len(t) for t in texts}) != 1:
            return None
        columns = list(zip(*(numbers(line) for line in lines)))
        parts_by_run = [words(line) for line in lines]
        parts = NUMBER.split(first)
        folded = ""
        for k, part in enumerate(parts):
            seen = []
            for run_parts in parts_by_run:
                if run_parts[k] not in seen:
                    seen.append(run_parts[k])
            folded += part if len(seen) == 1 else merge_words(part, seen)
            if k < len(columns):
                col = columns[k]
                if len(set(col)) == 1:
                    folded += texts[0][k]
                else:
                    trio = (min(col), statistics.median(col), p95(col))
                    folded += "/".join(fmt(v, texts[0][k]) for v in trio)
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
