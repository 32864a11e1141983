#!/usr/bin/env python3
"""Times `lectern build` (deck → self-contained HTML slides) against peers on the same generated decks:
the cmark-gfm CLI (Markdown → HTML, the floor) and `pandoc -t revealjs -s` (the closest peer that also
makes a standalone slide page). Each command runs several times in this process tree; best and median
wall times and the ratios are printed. Then many decks at once: one `lectern build` of a folder against
one process per deck, to show the parallel build across cores. Builds run with --no-layout (rendering against
rendering); the cost of the layout warnings, which launch headless Chromium, is printed on its own line.
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.environ.get("LECTERN_GEN_DECK", os.path.join(ROOT, "..", "shared", "bench", "gen_deck.py"))
LECTERN = os.environ.get("LECTERN", os.path.join(ROOT, ".build", "release", "lectern"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = [int(s) for s in os.environ.get("BENCH_SLIDES", "1000").split(",")]


def timed(cmd, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main():
    for tool, hint in ((GEN, "../shared/bench/gen_deck.py"), (LECTERN, "make release")):
        if not os.path.exists(tool):
            sys.exit(f"bench: {tool} not found ({hint})")
    cmark = shutil.which("cmark-gfm")
    pandoc = shutil.which("pandoc")
    scratch = tempfile.mkdtemp(prefix="lectern-build-bench-")
    exts = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"]
    print(f"{'slides':>7} {'bytes':>9} {'cmark-gfm':>10} {'pandoc revealjs':>16} {'lectern build':>14} {'lectern/cmark':>14} {'pandoc/lectern':>15}")
    for slides in SIZES:
        deck = os.path.join(scratch, f"deck-{slides}.md")
        with open(deck, "wb") as f:
            subprocess.run([sys.executable, GEN, "--slides", str(slides), "--seed", "7"], stdout=f, check=True)
        out = os.path.join(scratch, "out.html")
        # Like for like with cmark-gfm: rendering only. The layout warnings (Chromium) are timed on their own below.
        lectern, lectern_median = timed([LECTERN, "build", deck, "-o", out, "--no-layout"])
        c = timed([cmark, *exts, deck])[0] if cmark else float("nan")
        p = timed([pandoc, "-f", "gfm", "-t", "revealjs", "-s", deck, "-o", os.path.join(scratch, "p.html")], runs=max(1, RUNS // 2))[0] if pandoc else float("nan")
        print(f"{slides:>7} {os.path.getsize(deck):>9} {c:>9.3f}s {p:>15.3f}s {lectern:>13.3f}s {lectern / c:>13.2f}x {p / lectern:>14.1f}x"
              f"   (lectern median {lectern_median:.3f}s)")

    # Startup: a one-slide deck, where the process start and fixed costs are everything.
    one = os.path.join(scratch, "one.md")
    with open(one, "w") as f:
        f.write("---\nmarp: true\n---\n\n# Hello\n\nOne slide with *emphasis* and a [link](https://example.com).\n")
    small_runs = max(RUNS * 4, 20)
    l1, l1_median = timed([LECTERN, "build", one, "-o", os.path.join(scratch, "one.html"), "--no-layout"], runs=small_runs)
    c1 = timed([cmark, *exts, one], runs=small_runs)[0] if cmark else float("nan")
    v1 = timed([LECTERN, "--version"], runs=small_runs)[0]
    print(f"1-slide build: lectern {l1 * 1000:.1f} ms (median {l1_median * 1000:.1f} ms), cmark-gfm {c1 * 1000:.1f} ms, "
          f"lectern --version {v1 * 1000:.1f} ms")
    if shutil.which("chromium"):
        lay = timed([LECTERN, "build", one, "-o", os.path.join(scratch, "one.html")], runs=3)[0]
        print(f"1-slide build with the layout warnings (headless Chromium measures the page): {lay * 1000:.0f} ms")

    # Many decks: one process building a folder in parallel vs. one process per deck in sequence.
    folder = os.path.join(scratch, "many")
    os.makedirs(folder)
    count = int(os.environ.get("BENCH_DECKS", "40"))
    for i in range(count):
        with open(os.path.join(folder, f"d{i}.md"), "wb") as f:
            subprocess.run([sys.executable, GEN, "--slides", "100", "--seed", str(i)], stdout=f, check=True)
    parallel = timed([LECTERN, "build", folder, "-o", os.path.join(scratch, "many-out") + "/", "--no-layout"], runs=3)[0]
    start = time.perf_counter()
    for i in range(count):
        subprocess.run([LECTERN, "build", os.path.join(folder, f"d{i}.md"), "-o", os.path.join(scratch, "one.html"), "--no-layout"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    serial = time.perf_counter() - start
    print(f"{count} decks × 100 slides: one 'lectern build DIR' {parallel:.3f}s, one process per deck {serial:.3f}s "
          f"({serial / parallel:.1f}x, {os.cpu_count()} cores)")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
