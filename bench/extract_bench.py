#!/usr/bin/env python3
"""Times `lectern extract` against the cmark-gfm CLI on the same generated decks.

Decks come from ../shared/bench/gen_deck.py (deterministic). Each command runs several times in
this process tree; the best and median wall times are printed with the ratio lectern/cmark-gfm
and lectern's peak memory. Output goes to a scratch folder, never into the repository.
"""
import os, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.environ.get("LECTERN_GEN_DECK", os.path.join(ROOT, "..", "shared", "bench", "gen_deck.py"))
LECTERN = os.environ.get("LECTERN", os.path.join(ROOT, ".build", "release", "lectern"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = [int(s) for s in os.environ.get("BENCH_SLIDES", "1000,10000").split(",")]


def timed(cmd, stdout):
    best = []
    peak = 0
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with open(stdout, "wb") as out:
            subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, check=True)
        best.append(time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return min(best), statistics.median(best), peak


def main():
    if not os.path.exists(GEN):
        sys.exit(f"bench: {GEN} not found (it lives in ../shared/bench)")
    cmark = shutil.which("cmark-gfm")
    if not cmark:
        sys.exit("bench: cmark-gfm CLI not found (apt-get install cmark-gfm)")
    if not os.path.exists(LECTERN):
        sys.exit("bench: build first: make release")
    scratch = tempfile.mkdtemp(prefix="lectern-bench-")
    exts = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"]
    print(f"{'slides':>7} {'bytes':>10} {'cmark-gfm html':>15} {'cmark-gfm xml':>14} {'lectern':>9} {'ratio/html':>10} {'ratio/xml':>9} {'lectern MB':>10}")
    for slides in SIZES:
        deck = os.path.join(scratch, f"deck-{slides}.md")
        with open(deck, "wb") as f:
            subprocess.run([sys.executable, GEN, "--slides", str(slides), "--seed", "42"], stdout=f, check=True)
        sink = os.path.join(scratch, "out")
        html, _, _ = timed([cmark, "--sourcepos", *exts, deck], sink)
        xml, _, _ = timed([cmark, "--sourcepos", "-t", "xml", *exts, deck], sink)
        lectern, _, peak = timed([LECTERN, "extract", deck], sink)
        size = os.path.getsize(deck)
        print(f"{slides:>7} {size:>10} {html:>14.3f}s {xml:>13.3f}s {lectern:>8.3f}s {lectern / html:>9.2f}x {lectern / xml:>8.2f}x {peak / 1024:>10.0f}")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
