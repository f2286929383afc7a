#!/usr/bin/env python3
"""Whole-process benchmark of `coderpath report` on synthetic rosters.

For each roster size it generates the clients (`coderpath gen-roster`), then runs `report`
several times into a fresh output directory, and prints the median wall time, the per-client
cost and the peak memory (max RSS of the child). Output goes to tmpfs (/dev/shm) to measure
the program, and to the disk under the system temp dir to measure the machine as it is.

Side by side with each run, `cp -r` copies the tree that run wrote into a fresh directory
on the same target: the cost of creating that many files there at all. "× cp" is the
ratio of the two medians (the target: at most 1.5).

    scripts/bench-report.py [SIZES...]        default: 100 1000 10000
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# BIN=path/to/coderpath compares another build (it is not rebuilt).
BIN = os.environ.get("BIN") or os.path.join(ROOT, "target", "release", "coderpath")
RUNS = int(os.environ.get("RUNS", "3"))


def run_once(roster, out):
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(["sync"])
    start = time.perf_counter()
    child = subprocess.Popen([BIN, "--as-of", "2026-11-27", "report", roster, "--out", out], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"report failed with exit code {child.returncode}")
    return wall, usage.ru_maxrss


def copy_once(tree, copy):
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["sync"])
    start = time.perf_counter()
    subprocess.run(["cp", "-r", tree, copy], check=True)
    return time.perf_counter() - start


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [100, 1000, 10000]
    if not os.environ.get("BIN"):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="coderpath-bench-")
    targets = [("tmpfs", "/dev/shm")] if os.path.isdir("/dev/shm") else []
    targets.append(("disk", work))
    # ms/client includes the fixed start-up cost (reading and checking the reference data,
    # compiling templates), which weighs most on the smallest roster; "marginal" subtracts
    # the median wall time of a one-client roster first.
    print(f"{'clients':>8} {'target':>6} {'median s':>9} {'ms/client':>10} {'marginal':>9} {'peak MB':>8} {'cp -r s':>8} {'x cp':>5}")
    fixed = {}
    try:
        for n in [1] + sizes:
            roster_dir = os.path.join(work, f"roster-{n}")
            subprocess.run([BIN, "gen-roster", str(n), roster_dir], check=True)
            roster = os.path.join(roster_dir, "roster.yaml")
            for label, base in targets:
                out = os.path.join(base, f"coderpath-bench-out-{n}")
                results, copies = [], []
                for _ in range(RUNS):
                    results.append(run_once(roster, out))
                    copies.append(copy_once(out, out + "-copy"))
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(out + "-copy", ignore_errors=True)
                wall = statistics.median(r[0] for r in results)
                cp = statistics.median(copies)
                peak_mb = max(r[1] for r in results) / 1024
                if n == 1:
                    fixed[label] = wall
                    continue
                marginal = 1000 * (wall - fixed[label]) / n
                print(f"{n:>8} {label:>6} {wall:>9.2f} {1000 * wall / n:>10.3f} {marginal:>9.3f} {peak_mb:>8.1f} {cp:>8.2f} {wall / cp:>5.2f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
