#!/usr/bin/env python3
"""Ingest and compute speed of `lectern metrics` on ~1,000,000 generated records, SQLite and PostgreSQL.

Generates deployments/changes/incidents with bench/gen_metrics.py (290,000 deployments over two
years, ~725,000 changes, ~8,000 incidents) into a scratch folder, ingests them into a new store
(end-to-end: reading, checking and writing, one transaction), then times `metrics show` for a
90-day window with a per-week trend. Prints records per second, seconds and peak memory, for a new
SQLite file and for a new PostgreSQL store on a temporary local server (bench/pg_server.py; skipped
with a note when PostgreSQL's server binaries are absent), then both side by side, and checks that
both stores print the same numbers.
"""
import os, re, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pg_server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LECTERN = os.path.join(ROOT, ".build", "release", "lectern")
DEPLOYMENTS = int(os.environ.get("BENCH_DEPLOYMENTS", "290000"))


def run(cmd):
    """Wall time, peak memory of this one process (via /usr/bin/time), and its output."""
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-o", rss.name, "-f", "%M", *cmd], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if out.returncode != 0:
            sys.exit(f"bench: {' '.join(cmd)} failed:\n{out.stderr}")
        peak_kb = int(rss.read().strip().splitlines()[-1])
    return elapsed, peak_kb, out.stdout


def bench_store(label, db, files, records, scratch):
    """Ingest, then compute, on one store; returns {measure: seconds} and the show output."""
    print(f"-- {label}: {re.sub(r':[^@/]*@', '@', db) if '://' in db else 'new SQLite file'}")
    times = {}
    seconds, peak, out = run([LECTERN, "metrics", "ingest", *files, "--db", db])
    write = re.search(r"records in ([0-9.]+) s", out)
    times["ingest (end to end)"] = seconds
    print(f"ingest  {records} records in {seconds:.2f} s end to end = {records / seconds:,.0f} records/s"
          f" (writing alone {float(write.group(1)):.2f} s = {records / float(write.group(1)):,.0f} records/s), peak {peak / 1024:.0f} MB")
    show = [LECTERN, "metrics", "show", "--db", db, "--as-of", "2028-08-01T00:00:00Z", "--window", "90d"]
    seconds, peak, shown = run(show)
    times["compute, 90-day window"] = seconds
    print(f"compute four metrics, 90-day window: {seconds:.2f} s, peak {peak / 1024:.0f} MB (includes process start)")
    seconds, peak, _ = run(show + ["--by", "week"])
    times["compute + weekly trend"] = seconds
    print(f"compute with weekly trend (14 buckets): {seconds:.2f} s, peak {peak / 1024:.0f} MB")
    example = os.path.join(ROOT, "decks", "checkout-outage-postmortem.md")
    # The example names checkout-api (one of the generated services); a second run asks for another one.
    report = [LECTERN, "report", example, "--db", db, "--as-of", "2028-08-01T00:00:00Z", "--window", "90d",
              "--incident", "INC-00100", "-o", os.path.join(scratch, "report.html")]
    for service_args, label in (([], "front matter's service"), (["--service", "search"], "another service")):
        seconds, peak, _ = run(report + service_args)
        times[f"report ({label})"] = seconds
        print(f"lectern report ({label}; scorecard, 12-week trend, incident lookup): {seconds:.2f} s, "
              f"peak {peak / 1024:.0f} MB (goal: under 2 s)")
    return times, "\n".join(line for line in shown.splitlines() if "records" not in line and "store" not in line.lower())


def main():
    if not os.path.exists(LECTERN):
        sys.exit("bench: build first: make release")
    scratch = tempfile.mkdtemp(prefix="lectern-metrics-bench-")
    try:
        data = os.path.join(scratch, "data")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_metrics.py"), data,
                        "--deployments", str(DEPLOYMENTS), "--days", "730", "--start", "2026-08-01"], check=True)
        files = [os.path.join(data, f) for f in ("deployments.csv", "changes.csv", "incidents.jsonl")]
        records = sum(sum(1 for _ in open(f)) - (1 if f.endswith(".csv") else 0) for f in files)
        results = {"SQLite": bench_store("SQLite", os.path.join(scratch, "store", "metrics.sqlite"), files, records, scratch)}
        if pg_server.binaries() is None:
            print("-- PostgreSQL: skipped, server binaries not found (apt-get install postgresql)")
        else:
            with pg_server.temporary() as url:
                results["PostgreSQL"] = bench_store("PostgreSQL", url, files, records, scratch)
        names = list(results)
        print(f"\n{'seconds, ' + str(records) + ' records':<44}" + "".join(f"{n:>12}" for n in names))
        for measure in results["SQLite"][0]:
            print(f"{measure:<44}" + "".join(f"{results[n][0][measure]:>12.2f}" for n in names))
        if len(names) == 2:
            same = results["SQLite"][1] == results["PostgreSQL"][1]
            print("metrics show: identical numbers from both stores" if same else "metrics show: THE STORES DIFFER")
            if not same:
                sys.exit(1)
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
