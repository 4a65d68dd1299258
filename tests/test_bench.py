"""The benchmark runs (at N = 10): no timing is asserted here, see bench/RESULTS.md."""
import subprocess
import sys

from conftest import REPO


def test_benchmark_runs_at_ten_sites_and_prints_its_figures():
    result = subprocess.run([sys.executable, "bench/run.py", "--sizes", "10", "--runs", "1", "--no-write"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 10 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    ours, baseline, ratio = float(cells[2]), float(cells[3]), float(cells[4])
    bare, bare_ratio, french, french_ratio = float(cells[5]), float(cells[6]), float(cells[7]), float(cells[8])
    for time, reference, printed in ((ours, baseline, ratio), (ours, bare, bare_ratio), (ours, french, french_ratio)):
        assert time > 0 and reference > 0
        # the times are printed to 0.1 s and the ratio to 0.01: it must lie between the
        # ratios those rounded times allow
        low, high = (time - 0.05) / (reference + 0.05), (time + 0.05) / (reference - 0.05)
        assert low - 0.005 <= printed <= high + 0.005
    assert "recherche" in result.stdout  # where the build spends its time is printed
