"""The README documents every CLI command and keeps its two Quick start commands true."""

from __future__ import annotations

import re

from driftboard.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return list(sub.choices)


def test_every_cli_command_is_documented_in_the_readme():
    missing = [c for c in _commands() if f"python -m driftboard {c}" not in README]
    assert missing == []


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_test_one():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```(?:bash|sh)\n(.*?)\n```", section, flags=re.S)
    assert len(commands) == 2, commands
    assert all("\n" not in c.strip() for c in commands)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci
