#!/usr/bin/env python3
"""A throwaway PostgreSQL server for benchmarks: initdb + pg_ctl into a temporary folder on a free
loopback port (as the `postgres` user when run as root), stopped and deleted on exit.

    with pg_server.temporary() as url:   # postgresql://postgres@127.0.0.1:PORT/postgres?sslmode=disable
        ...
"""
import contextlib, glob, os, shutil, socket, subprocess, tempfile


def binaries():
    """The newest /usr/lib/postgresql/*/bin with pg_ctl, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: [int(x) for x in p.split("/")[4].split(".")])
    return os.path.dirname(found[-1]) if found else None


def _as_postgres(cmd):
    return ["runuser", "-u", "postgres", "--", *cmd] if os.getuid() == 0 else cmd


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def temporary():
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql")
    folder = tempfile.mkdtemp(prefix="lectern-bench-pg-")
    data, sockets = os.path.join(folder, "data"), os.path.join(folder, "socket")
    os.makedirs(sockets)
    if os.getuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
    port = _free_port()
    try:
        subprocess.run(_as_postgres([f"{bin_dir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                     "--no-locale", "--no-sync"]), check=True, capture_output=True)
        # Durable settings as a server would have them (fsync on): the benchmark measures real commits.
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB"
        subprocess.run(_as_postgres([f"{bin_dir}/pg_ctl", "-D", data, "-l", os.path.join(folder, "server.log"), "-w",
                                     "-o", options, "start"]), check=True, capture_output=True)
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres?sslmode=disable"
    finally:
        subprocess.run(_as_postgres([f"{bin_dir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
