#!/usr/bin/env python3
"""Tests of bench_runs.py (run by the test command: python3 -m unittest test_bench_runs)."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_runs  # noqa: E402


class Fold(unittest.TestCase):
    def test_varying_figures_become_min_median_p95_and_words_stay(self):
        runs = [
            ["scan p50 6 ms, p95 10 ms (2000 scans, 4x6in)", "ok"],
            ["scan p50 7 ms, p95 12 ms (2000 scans, 4x6in)", "ok"],
            ["scan p50 5 ms, p95 9 ms (2000 scans, 4x6in)", "ok"],
        ]
        self.assertEqual(
            bench_runs.fold(runs),
            ["scan p50 5/6/7 ms, p95 9/10/12 ms (2000 scans, 4x6in)", "ok"],
        )

    def test_decimals_and_thousands_are_kept(self):
        runs = [["1,234 parcels, mean 0.056 ms"], ["1,240 parcels, mean 0.061 ms"]]
        self.assertEqual(
            bench_runs.fold(runs), ["1,234/1,237/1,240 parcels, mean 0.056/0.058/0.061 ms"]
        )

    def test_padding_units_and_verdicts_do_not_stop_the_fold(self):
        runs = [
            ["load 587.53µs, p50=  0.47 µs max=1996.50 µs: met"],
            ["load 678.67µs, p50=  0.80 µs max=  65.19 µs: MISSED"],
            ["load 422.96µs, p50=  0.48 µs max=  45.95 µs: met"],
        ]
        self.assertEqual(
            bench_runs.fold(runs),
            ["load 422.96/587.53/678.67µs, p50=  0.47/0.48/0.80 µs max=45.95/65.19/1996.50 µs: met|MISSED"],
        )

    def test_signs_are_kept(self):
        runs = [["growth +3.1 MiB"], ["growth +7.2 MiB"], ["growth +3.8 MiB"]]
        self.assertEqual(bench_runs.fold(runs), ["growth +3.1/+3.8/+7.2 MiB"])

    def test_runs_with_other_lines_or_figures_are_not_folded(self):
        self.assertIsNone(bench_runs.fold([["3 invalid 4"], ["3 valid"]]))
        self.assertIsNone(bench_runs.fold([["a"], ["a", "b"]]))

    def test_the_command_shows_each_run_when_they_differ(self):
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for i, text in enumerate(["order 1 INVALID\n", "all valid\n"]):
                paths.append(os.path.join(d, f"run.{i}"))
                with open(paths[-1], "w") as f:
                    f.write(text)
            out = subprocess.run(
                [sys.executable, bench_runs.__file__, *paths],
                check=True, capture_output=True, text=True,
            ).stdout
        self.assertIn("order 1 INVALID", out)
        self.assertIn("all valid", out)
        self.assertIn("run 2 of 2", out)


if __name__ == "__main__":
    unittest.main()
