#!/usr/bin/env python3
"""Times `lectern lint` against `rumdl check` on the same 2,000 generated decks.

Decks come from ../shared/bench/gen_deck.py (loaded as a module, default size, seeds 1..N, 10% of
tables broken). rumdl runs with --no-cache so both tools do the full work every run. Prints the
best and median wall time and the median CPU time of each (runs alternate between the tools), peak RSS, and
the ratios lectern/rumdl (below 1.0: lectern is faster). rumdl is timed as its own binary, not through a pyenv
shim.

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


def timed1(cmd, cwd):
    """One run: wall time, peak RSS (MB), CPU time."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def summary(runs):
    """Best wall, median wall, largest peak RSS, median CPU of single runs."""
    walls = [r[0] for r in runs]
    return min(walls), statistics.median(walls), max(r[1] for r in runs), statistics.median(r[2] for r in runs)


def real_binary(path):
    """pyenv installs a shell shim that starts pyenv before the tool: time the tool itself, as a user's PATH would."""
    try:
        real = subprocess.run(["pyenv", "which", os.path.basename(path)], capture_output=True, text=True).stdout.strip()
    except OSError:
        return path
    return real if real and os.path.exists(real) else path


def main():
    if not os.path.exists(GEN):
        sys.exit(f"bench: {GEN} not found (it lives in ../shared/bench)")
    rumdl = shutil.which("rumdl")
    if not rumdl:
        sys.exit("bench: rumdl not found (pip install rumdl)")
    rumdl = real_binary(rumdl)
    if not os.path.exists(LECTERN):
        sys.exit("bench: build first: make release")
    version = subprocess.run([rumdl, "--version"], capture_output=True, text=True).stdout.strip()
    for decks in SIZES:
        folder = tempfile.mkdtemp(prefix="lectern-lint-bench-")
        try:
            generate(folder, decks)
            size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
            # Alternated, so both tools see the same machine: one run of each in turn.
            lectern_runs, other_runs, base_runs = [], [], []
            for _ in range(RUNS):
                lectern_runs.append(timed1([LECTERN, "lint", ".", "--color", "never"], folder))
                other_runs.append(timed1([rumdl, "check", "--no-cache", "."], folder))
                if BASELINE:
                    base_runs.append(timed1([BASELINE, "lint", ".", "--color", "never"], folder))
            lectern, other = summary(lectern_runs), summary(other_runs)
            base = summary(base_runs) if BASELINE else None
            print(f"{decks} decks, {size / 1e6:.1f} MB, {os.cpu_count()} cores, best/median of {RUNS} alternated runs")
            print(f"  lectern lint        {lectern[0]:.3f} s / {lectern[1]:.3f} s   CPU {lectern[3]:.2f} s   peak RSS {lectern[2]:.0f} MB")
            if base:
                print(f"  baseline lint       {base[0]:.3f} s / {base[1]:.3f} s   CPU {base[3]:.2f} s   peak RSS {base[2]:.0f} MB  ({BASELINE})")
            print(f"  rumdl check         {other[0]:.3f} s / {other[1]:.3f} s   CPU {other[3]:.2f} s   peak RSS {other[2]:.0f} MB  ({version}, {rumdl})")
            print(f"  ratio lectern/rumdl {lectern[0] / other[0]:.2f} (best)  {lectern[1] / other[1]:.2f} (median)  {lectern[3] / other[3]:.2f} (CPU)")
            if base:
                print(f"  ratio baseline/rumdl {base[0] / other[0]:.2f} (best)  {base[1] / other[1]:.2f} (median)")
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
