#!/usr/bin/env python3
"""Export speed: seed 000 (45 slides) to an editable PPTX (no browser), and PNG pictures of every slide of
30 decks in one `lectern build` (one headless Chromium for all of them, several pages at once), against
one `lectern build` per deck. Marp CLI's figure from the benchmark notes (2.2 s per deck for images, each
run starting its own browser) is printed beside it for comparison; Marp itself is not run here.

    python3 bench/export_bench.py            # LECTERN=path/to/lectern to pick the binary (default: release, else debug)
"""
import glob, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("LECTERN_SHARED", os.path.join(ROOT, "..", "shared"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
MARP_SECONDS_PER_DECK = 2.2


def lectern_binary():
    if os.environ.get("LECTERN"):
        return os.environ["LECTERN"]
    for kind in ("release", "debug"):
        path = os.path.join(ROOT, ".build", kind, "lectern")
        if os.path.exists(path):
            return path
    sys.exit("bench: no lectern binary (swift build)")


def timed(cmd, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main():
    lectern = lectern_binary()
    seed = sorted(glob.glob(os.path.join(SHARED, "seeds", "000_*")))
    if not seed:
        sys.exit("bench: ../shared/seeds/000_* not found")
    scratch = tempfile.mkdtemp(prefix="lectern-export-bench-")
    try:
        print(f"binary: {lectern}")
        best, median = timed([lectern, "build", seed[0], "-o", os.path.join(scratch, "seed000.pptx"), "--no-layout"])
        print(f"seed 000 (45 slides) -> pptx: best {best:.3f} s, median {median:.3f} s over {RUNS} runs")

        decks = os.path.join(scratch, "decks")
        os.makedirs(decks)
        sources = [os.path.join(ROOT, "decks", "friday-deploys.md")]
        sources += sorted(glob.glob(os.path.join(SHARED, "corpus", "decks", "*.md")))
        sources = [s for s in sources if not s.endswith("SOURCES.md")]
        for i in range(30):
            shutil.copy(sources[i % len(sources)], os.path.join(decks, f"deck{i:02}.md"))
        slides = 0
        out = os.path.join(scratch, "out")
        start = time.perf_counter()
        subprocess.run([lectern, "build", decks, "-o", out + "/", "--images", "png", "--no-layout"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        one_browser = time.perf_counter() - start
        slides = len(glob.glob(os.path.join(out, "*.png")))
        print(f"30 decks -> {slides} PNG pictures, one lectern build (one browser): {one_browser:.1f} s "
              f"({one_browser / 30:.2f} s a deck)")
        start = time.perf_counter()
        for i in range(30):
            deck = os.path.join(decks, f"deck{i:02}.md")
            subprocess.run([lectern, "build", deck, "-o", os.path.join(scratch, "each", f"deck{i:02}.png"), "--no-layout"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        each = time.perf_counter() - start
        print(f"30 decks -> title PNG, one lectern build per deck (30 browsers): {each:.1f} s ({each / 30:.2f} s a deck)")
        print(f"Marp CLI (benchmark notes): 30 x {MARP_SECONDS_PER_DECK} s = {30 * MARP_SECONDS_PER_DECK:.0f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
