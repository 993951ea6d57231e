"""Time `sitegen build` (whole process) on generated sites, against the floor, and report peak memory.

usage: python bench/run.py [--sizes 1000 10000] [--runs 3] [--real-scale]
Sites are generated into bench/sites/ (git-ignored) and built into a fresh output folder per run.
--real-scale: the sizes are incidents of history on a site of 350 components, most ungrouped, with 80 incidents
never resolved; the report adds the home page's size and elements and the largest page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import SCALE_OPEN  # noqa: E402  (bench/ is a folder of scripts, not a package)
from page_sizes import sizes  # noqa: E402
NOW = "2026-11-26T12:00:00Z"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command: list[str], runs: int, before=None) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, peak = timed(command)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--real-scale", action="store_true", help="350 components, most ungrouped, 80 open incidents")
    args = parser.parse_args()
    python = sys.executable
    print(f"{'incidents':>9} {'build s':>8} {'rebuild s':>9} {'floor s':>8} {'ratio':>6} {'write s':>8} {'peak MB':>8}")
    for size in args.sizes:
        site = HERE / "sites" / (f"{size}-real-scale" if args.real_scale else str(size))
        files = size + (SCALE_OPEN if args.real_scale else 0)
        incidents = site / "content" / "incidents"
        if not incidents.is_dir() or len(list(incidents.iterdir())) != files:
            flags = ["--real-scale"] if args.real_scale else []
            subprocess.run([python, str(HERE / "generate.py"), str(size), str(site), *flags], check=True)
        out = site / "output"
        build = [python, "-m", "sitegen", "build", "--site", str(site), "--output", str(out), "--now", NOW]
        cold, peak = measure(build, args.runs, before=lambda: shutil.rmtree(out, ignore_errors=True))
        warm, _ = measure(build, args.runs)  # replaces an existing output folder
        floor, _ = measure([python, str(HERE / "floor.py"), str(site)], args.runs)
        # What this disk needs to write the same files with a bare loop: the part no code change can remove.
        copy = site / "output-copy"
        write, _ = measure([python, str(HERE / "write_floor.py"), str(out), str(copy)], args.runs)
        shutil.rmtree(copy, ignore_errors=True)
        print(f"{size:>9} {cold:>8.2f} {warm:>9.2f} {floor:>8.2f} {cold / floor:>6.2f} {write:>8.2f} {peak:>8.0f}")
        if args.real_scale:
            for name, (path, size_bytes, count) in sizes(out).items():
                print(f"{'':>9} {name}: {path} {size_bytes / 1024:.1f} KB, {count} elements")


if __name__ == "__main__":
    main()
