#!/usr/bin/env python3
"""Times `lectern lint` against `rumdl check` on the same 2,000 generated decks.

Decks come from ../shared/bench/gen_deck.py (loaded as a module, default size, seeds 1..N, 10% of
tables broken). rumdl runs with --no-cache so both tools do the full work every run. Prints the
best and median wall time of each, lectern's peak RSS, and the ratio lectern/rumdl (below 1.0: lectern
is faster).

Environment: LECTERN (the binary, default .build/release/lectern), LECTERN_BASELINE (a second binary
timed in the same run, e.g. a build of main), BENCH_DECKS (default 2000, or a list "500,1000,2000" for
linearity), BENCH_RUNS (default 5).
"""
import importlib.util, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.environ.get("LECTERN_GEN_DECK", os.path.join(ROOT, "..", "shared", "bench", "gen_deck.py"))
LECTERN = os.environ.get("LECTERN", os.path.join(ROOT, ".build", "release", "lectern"))
BASELINE = os.environ.get("LECTERN_BASELINE")
SIZES = [int(n) for n in os.environ.get("BENCH_DECKS", "2000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def generate(folder, decks):
    spec = importlib.util.spec_from_file_location("gen_deck", GEN)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    for seed in range(1, decks + 1):
        lines = []
        gen.gen_deck(10, seed, 10, lambda ls: lines.append("\n".join(ls) + "\n"))
        with open(os.path.join(folder, f"deck-{seed:04d}.md"), "w", encoding="utf-8") as f:
            f.write("".join(lines))


def timed(cmd, cwd):
    """Best and median wall time over RUNS, and the largest peak RSS (MB) of the process."""
    times, peak = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss / 1024)
    return min(times), statistics.median(times), peak


def main():
    if not os.path.exists(GEN):
        sys.exit(f"bench: {GEN} not found (it lives in ../shared/bench)")
    rumdl = shutil.which("rumdl")
    if not rumdl:
        sys.exit("bench: rumdl not found (pip install rumdl)")
    if not os.path.exists(LECTERN):
        sys.exit("bench: build first: swift build -c release")
    version = subprocess.run([rumdl, "--version"], capture_output=True, text=True).stdout.strip()
    for decks in SIZES:
        folder = tempfile.mkdtemp(prefix="lectern-lint-bench-")
        try:
            generate(folder, decks)
            size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
            lectern = timed([LECTERN, "lint", ".", "--color", "never"], folder)
            base = timed([BASELINE, "lint", ".", "--color", "never"], folder) if BASELINE else None
            other = timed([rumdl, "check", "--no-cache", "."], folder)
            print(f"{decks} decks, {size / 1e6:.1f} MB, {os.cpu_count()} cores, best/median of {RUNS}")
            print(f"  lectern lint        {lectern[0]:.3f} s / {lectern[1]:.3f} s   peak RSS {lectern[2]:.0f} MB")
            if base:
                print(f"  baseline lint       {base[0]:.3f} s / {base[1]:.3f} s   peak RSS {base[2]:.0f} MB  ({BASELINE})")
            print(f"  rumdl check         {other[0]:.3f} s / {other[1]:.3f} s   peak RSS {other[2]:.0f} MB  ({version})")
            print(f"  ratio lectern/rumdl {lectern[0] / other[0]:.2f} (best)  {lectern[1] / other[1]:.2f} (median)")
            if base:
                print(f"  ratio baseline/rumdl {base[0] / other[0]:.2f} (best)  {base[1] / other[1]:.2f} (median)")
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
