"""Servers started together on one empty database all serve, and the demo unit is loaded
once: ``scripts/start.sh`` three times at once, on SQLite and on PostgreSQL. (Before, one of
two servers failed in 5 of 15 tries: its seeding raced the other's and ``set -e`` ended it.)"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests import databases
from tests.conftest import ROOT

SERVERS = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


@pytest.mark.database
@pytest.mark.slow
def test_three_servers_started_together_on_an_empty_database_all_serve_and_seed_once(tmp_path: Path):
    url = databases.new_url(tmp_path, "startup")
    # The virtualenv step of start.sh is not what races here; make it a no-op for all three.
    subprocess.run(["bash", "-c", "source scripts/_venv.sh && ensure_venv requirements.txt"], cwd=ROOT, check=True)
    ports = [_free_port() for _ in range(SERVERS)]
    logs = [tmp_path / f"start-{i}.log" for i in range(SERVERS)]
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": url, "HOST": "127.0.0.1", "DRIFTBOARD_DEMO": "1"}
    processes = [
        subprocess.Popen(
            ["bash", "scripts/start.sh"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # start.sh execs streamlit: stop the whole group at the end
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        deadline = time.monotonic() + 240
        waiting = set(range(SERVERS))
        while waiting and time.monotonic() < deadline:
            for i in sorted(waiting):
                assert processes[i].poll() is None, f"server {i} ended:\n{logs[i].read_text()}"
                if _healthy(ports[i]):
                    waiting.discard(i)
            time.sleep(0.5)
        assert not waiting, {i: logs[i].read_text()[-2000:] for i in waiting}
        for i, log in enumerate(logs):
            text = log.read_text()
            assert "Traceback" not in text and "--replace" not in text, f"server {i}:\n{text}"
        said = [log.read_text() for log in logs]
        assert sum("Loaded the demo unit" in s for s in said) == 1, said
        assert sum("already holds data" in s for s in said) == SERVERS - 1, said
        engine = create_engine(url)
        units = databases.query(engine, "select slug from org_units where level = 'unit'")
        assert [u["slug"] for u in units] == ["loan-service"]
        engine.dispose()
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        databases.drop(url)
