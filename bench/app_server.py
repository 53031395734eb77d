"""What the shared-screen benchmarks share: the app started on a free port as its own process,
and that process's memory and CPU read from /proc.

Importing it puts the project and ``scripts/`` on the path (the benchmarks run as scripts).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import CHROMIUM_ARGS, free_port, wait_healthy  # noqa: E402

DAY = "2026-11-25"  # the demo's day, pinned so runs compare

__all__ = ["CHROMIUM_ARGS", "DAY", "ROOT", "cpu_seconds", "rss_mb", "start_app", "wait_healthy"]


def start_app(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """The app's server started on a free port with ``env``, and its base URL (not yet healthy:
    ``wait_healthy`` it)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}"


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
