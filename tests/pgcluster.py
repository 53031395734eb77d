"""A throw-away PostgreSQL server for the test suite: ``initdb`` into a temp dir, ``pg_ctl`` on a
free loopback port, removed again at the end.

Debian's ``postgresql`` package provides the binaries (``scripts/test.sh`` installs it when
missing). ``initdb`` refuses to run as root, so as root the server runs as the ``postgres``
user. For the tests durability is switched off (``fsync=off``) and the cluster lives in memory
(``/dev/shm``) only as long as the run; a bench asks for PostgreSQL's normal durability on disk
(``durable=True``).
Clients authenticate with a password (scram), so a wrong password fails as it would in
production.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "driftboard"


def bin_dir() -> Path:
    """The newest installed server's bin directory (Debian keeps it off PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    directory: Path
    port: int
    password: str
    run_as: str | None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        subprocess.run([*prefix, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stop(self) -> None:
        try:
            self._run(str(bin_dir() / "pg_ctl"), "stop", "-D", str(self.directory / "data"), "-m", "immediate")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def start(durable: bool = False) -> Cluster:
    """Create and start a cluster; the caller stops it with ``Cluster.stop()``. ``durable``
    keeps PostgreSQL's defaults (fsync, synchronous commit, full-page writes) for figures that
    mean what a production server would do; without it every commit skips the disk flush."""
    run_as = "postgres" if os.geteuid() == 0 else None
    # Without durability the cluster lives in memory where it can (/dev/shm): each test's
    # database is a copy of a template, and a copy and drop there takes 45 ms instead of 150-320.
    memory = None if durable or not os.access("/dev/shm", os.W_OK) else "/dev/shm"
    directory = Path(tempfile.mkdtemp(prefix="driftboard-pg-", dir=memory))
    password = secrets.token_hex(12)
    (directory / "pw").write_text(password)
    if run_as:
        shutil.chown(directory, run_as)
        shutil.chown(directory / "pw", run_as)
    cluster = Cluster(directory, _free_port(), password, run_as)
    data = directory / "data"
    binaries = bin_dir()
    cluster._run(
        str(binaries / "initdb"),
        "-D",
        str(data),
        "-U",
        USER,
        f"--pwfile={directory / 'pw'}",
        "--auth-host=scram-sha-256",
        "--auth-local=trust",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c unix_socket_directories={directory} "
        "-c max_connections=300"
    )
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    cluster._run(str(binaries / "pg_ctl"), "start", "-w", "-D", str(data), "-l", str(directory / "log"), "-o", options)
    return cluster
