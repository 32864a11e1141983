#!/usr/bin/env python3
"""Load test for `lectern serve` on loopback: 200 concurrent clients requesting rendered decks for 30 s.

Starts the release binary on decks/ with the sample data, then drives it with wrk (Debian's `wrk`,
`--latency` for the percentiles) or, when wrk is missing, an asyncio client in this process tree.
Prints requests, errors, latency p50/p99 and the server's resident memory at the start, middle and end
(flat memory = no growth per request).
"""
import asyncio, os, re, socket, statistics, subprocess, sys, time, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# LECTERN_BIN runs another build (e.g. .build/debug/lectern when no release build is at hand).
LECTERN = os.environ.get("LECTERN_BIN", os.path.join(ROOT, ".build", "release", "lectern"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "200"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))
PATHS = ["/friday-deploys.md", "/checkout-outage-postmortem.md", "/assets/pager.svg"]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def client(port, path, deadline, latencies, errors):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
        except Exception as e:  # noqa: BLE001 - every failure counts as an error
            errors.append(repr(e))
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.close()


async def asyncio_load(port):
    latencies, errors = [], []
    deadline = time.perf_counter() + SECONDS
    await asyncio.gather(*[client(port, PATHS[i % 2], deadline, latencies, errors) for i in range(CLIENTS)])
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    return (f"asyncio client: {len(latencies)} requests ({len(latencies) / SECONDS:.0f}/s), {len(errors)} errors, "
            f"p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms")


def main():
    if not os.path.exists(LECTERN):
        sys.exit("serve_load: build first: make release")
    port = free_port()
    server = subprocess.Popen([LECTERN, "serve", os.path.join(ROOT, "decks"), "--port", str(port), "--data",
                               os.path.join(ROOT, "decks", "data"), "--as-of", "2026-11-29T00:00:00Z", "--window", "90d"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        # Warm the page cache once per path.
        for path in PATHS:
            subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}{path}"], check=False)
        before = rss_mb(server.pid)
        # LOAD_TOOL=asyncio uses the in-process client even when wrk is installed.
        wrk = shutil.which("wrk") if os.environ.get("LOAD_TOOL", "wrk") == "wrk" else None
        middle = []
        if wrk:
            script = os.path.join(ROOT, "bench", "serve_paths.lua")
            proc = subprocess.Popen([wrk, "-t2", f"-c{CLIENTS}", f"-d{SECONDS}s", "--latency", "-s", script,
                                     f"http://127.0.0.1:{port}/"], stdout=subprocess.PIPE, text=True)
            time.sleep(SECONDS / 2)
            middle.append(rss_mb(server.pid))
            out = proc.communicate()[0]
            reqs = re.search(r"(\d+) requests in", out).group(1)
            rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
            # Anchored: the thread table's "+/- Stdev" column (e.g. "68.99%") must not match.
            p50 = re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)
            p99 = re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)
            errs = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            sock = re.search(r"Socket errors: (.*)", out)
            summary = (f"wrk: {reqs} requests ({rate}/s), non-2xx {errs.group(1) if errs else 0}, "
                       f"socket errors {sock.group(1) if sock else 'none'}, p50 {p50}, p99 {p99}")
        else:
            summary = asyncio.run(asyncio_load(port))
        after = rss_mb(server.pid)
        print(f"{CLIENTS} clients for {SECONDS} s on loopback against 'lectern serve decks/' ({', '.join(PATHS)})")
        print(summary)
        print(f"server RSS: start {before:.0f} MB, middle {middle[0] if middle else float('nan'):.0f} MB, end {after:.0f} MB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
