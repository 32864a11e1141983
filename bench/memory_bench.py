#!/usr/bin/env python3
"""Peak memory (and wall time) of `lectern extract`, `build` and `lint` on big generated decks (10, 25 and
50 MB by default), measured by /usr/bin/time -v, next to the cmark-gfm CLI's peak on the same file.

The goal (issue 18): a 50 MB deck stays under 2 GB peak for each command, and memory grows linearly with
the deck. BENCH_MB="10,25,50" picks the sizes; LECTERN=path picks the binary (default: the release build).
"""
import os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.environ.get("LECTERN_GEN_DECK", os.path.join(ROOT, "..", "shared", "bench", "gen_deck.py"))
LECTERN = os.environ.get("LECTERN", os.path.join(ROOT, ".build", "release", "lectern"))
SIZES_MB = [int(s) for s in os.environ.get("BENCH_MB", "10,25,50").split(",")]
BYTES_PER_SLIDE = 546  # gen_deck.py writes about this many bytes per slide


def measured(cmd, out):
    """(wall seconds, peak RSS in MB, exit status) of one run."""
    with open(out, "wb") as sink:
        run = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=sink, stderr=subprocess.PIPE)
    err = run.stderr.decode(errors="replace")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", err)
    wall = int(clock.group(1) or 0) * 3600 + int(clock.group(2)) * 60 + float(clock.group(3))
    status = int(re.search(r"Exit status: (\d+)", err).group(1))
    return wall, peak, status


def main():
    for tool, hint in ((GEN, "../shared/bench/gen_deck.py"), (LECTERN, "make release"), ("/usr/bin/time", "apt-get install time")):
        if not os.path.exists(tool):
            sys.exit(f"bench: {tool} not found ({hint})")
    cmark = shutil.which("cmark-gfm")
    scratch = tempfile.mkdtemp(prefix="lectern-memory-bench-")
    exts = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"]
    print(f"{'MB':>4} {'slides':>7} {'command':>8} {'wall':>8} {'peak MB':>8} {'MB/MB':>6} {'exit':>4}")
    try:
        for mb in SIZES_MB:
            slides = mb * 1024 * 1024 // BYTES_PER_SLIDE
            deck = os.path.join(scratch, f"deck-{mb}mb.md")
            with open(deck, "wb") as f:
                subprocess.run([sys.executable, GEN, "--slides", str(slides), "--seed", "3"], stdout=f, check=True)
            size = os.path.getsize(deck) / (1024 * 1024)
            out = os.path.join(scratch, "out")
            # Lectern's own memory: without --no-layout, build and lint of one deck also load it into headless
            # Chromium to measure the layout, and /usr/bin/time would report the browser's peak.
            runs = [("extract", [LECTERN, "extract", deck, "-o", out]),
                    ("build", [LECTERN, "build", deck, "-o", out + ".html", "--no-layout"]),
                    ("lint", [LECTERN, "lint", deck, "--no-layout"])]
            if cmark:
                runs.append(("cmark", [cmark, "--sourcepos", *exts, deck]))
            for name, cmd in runs:
                wall, peak, status = measured(cmd, out + ".stdout")
                print(f"{size:>4.0f} {slides:>7} {name:>8} {wall:>7.2f}s {peak:>8.0f} {peak / size:>6.1f} {status:>4}")
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
