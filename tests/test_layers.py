"""The code's shape, checked: data flows one way, and every refusal a person can see is a
catalogue key.

Layers, top to bottom (a module may import its own layer and any layer below it):
pages, app.py and server.py → ui → api (the ingest API's handlers) → tooling (admin, cli,
demo) → services → db → pure modules.
Only ``db`` and the services may import SQLAlchemy; only ``ui``, pages and app.py may import
Streamlit. Imports under ``if TYPE_CHECKING:`` are type hints, not dependencies.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from driftboard.i18n import CATALOGUE
from tests.conftest import ROOT

RANK = {"pure": 0, "db": 1, "services": 2, "tooling": 3, "api": 4, "ui": 5, "pages": 6}
TOOLING = {"driftboard.admin", "driftboard.cli", "driftboard.demo", "driftboard.demo_standards", "driftboard.generate",
           "driftboard.__main__"}  # fmt: skip


def layer_of(module: str) -> str | None:
    """The layer of one of our modules (by dotted name), None for a third-party module."""
    if module == "db" or module.startswith("db."):
        return "db"
    if module in ("pages", "app", "server") or module.startswith("pages."):
        return "pages"  # server.py: the app's entry point with the API routes (st.App)
    if module == "driftboard.api" or module.startswith("driftboard.api."):
        return "api"  # HTTP handlers: call services, never SQLAlchemy or Streamlit
    if not (module == "driftboard" or module.startswith("driftboard.")):
        return None
    if module.startswith("driftboard.services"):
        return "services"
    if module.startswith("driftboard.ui"):
        return "ui"
    if module in TOOLING or any(module.startswith(f"{t}.") for t in TOOLING):
        return "tooling"
    return "pure"


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


PROBE = "_layer_probe.py"  # the file the check's own test writes; other tests never read it


def source_files() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "server.py", *sorted((ROOT / "pages").glob("*.py"))]
    files += sorted(p for p in (ROOT / "driftboard").rglob("*.py") if p.name != PROBE)
    files += sorted(p for p in (ROOT / "db").rglob("*.py") if "migrations" not in p.parts)
    return files


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(n) for child in node.body for n in ast.walk(child))
    found: list[tuple[int, str]] = []
    package = module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            # "from driftboard import admin" imports the module driftboard.admin
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
            found.append((node.lineno, base))
    return found


def _resolve(imported: str) -> str:
    """Reduce ``driftboard.services.weekplan.find_plan`` to the module it names."""
    parts = imported.split(".")
    while parts:
        candidate = ROOT.joinpath(*parts)
        if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
            return ".".join(parts)
        parts.pop()
    return imported


def violations(extra: tuple[Path, ...] = ()) -> list[str]:
    problems = []
    for path in [*source_files(), *extra]:
        own = layer_of(module_name(path))
        assert own is not None, path
        for line, imported in imports_of(path):
            where = f"{path.relative_to(ROOT)}:{line} imports {imported}"
            top = imported.split(".")[0]
            if top == "sqlalchemy" and own not in ("db", "services"):
                problems.append(f"{where}: only db and the services use SQLAlchemy")
            if top == "streamlit" and own not in ("ui", "pages"):
                problems.append(f"{where}: only ui and pages use Streamlit")
            target = layer_of(_resolve(imported))
            if target is not None and RANK[target] > RANK[own]:
                problems.append(f"{where}: {own} must not import {target}")
    return sorted(set(problems))


def test_every_module_imports_only_its_own_layer_or_below():
    assert violations() == []


def test_the_layer_check_catches_an_import_against_the_flow(tmp_path, monkeypatch):
    """The check itself can fail: a pure module importing a service is reported."""
    bad = ROOT / "driftboard" / PROBE
    bad.write_text("from driftboard.services import weekplan\nimport sqlalchemy\n", encoding="utf-8")
    try:
        found = violations((bad,))
    finally:
        bad.unlink()
    assert any("_layer_probe.py:1" in p and "pure must not import services" in p for p in found)
    assert any("_layer_probe.py:2" in p and "SQLAlchemy" in p for p in found)


# --------------------------------------------------------------------------- no circles, no giants


def import_graph(files: list[Path] | None = None) -> dict[str, set[str]]:
    """Our module -> the modules of ours it imports (type-hint imports aside; an import inside a
    function counts too: a circle broken by a late import is still a circle to read)."""
    graph: dict[str, set[str]] = {}
    for path in files if files is not None else source_files():
        own = module_name(path)
        targets = {_resolve(imported) for _, imported in imports_of(path)}
        graph[own] = {t for t in targets if t != own and layer_of(t) is not None}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_module_of_ours_imports_one_that_imports_it_back():
    assert circles(import_graph()) == []


def test_the_circle_check_finds_a_circle():
    graph = {"db.a": {"db.b"}, "db.b": {"db.c"}, "db.c": {"db.a"}, "db.d": {"db.a"}}
    assert circles(graph) == [["db.a", "db.b", "db.c"]]


MAX_LINES = 600
# The catalogue's sentences and the demo unit's data are long by nature, not by design.
LONG_BY_NATURE = {"driftboard/demo.py"}


def oversized(limit: int = MAX_LINES) -> list[str]:
    found = []
    for path in source_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in LONG_BY_NATURE or relative.startswith("driftboard/catalogue/"):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{relative}: {lines} lines")
    return found


def test_no_module_is_longer_than_600_lines():
    assert oversized() == []


def test_the_size_check_names_a_long_module():
    assert any(entry.startswith("db/models/organisation.py") for entry in oversized(limit=50))


# --------------------------------------------------------------------------- refusals in the catalogue


def _domain_errors() -> list[tuple[str, int, str | None]]:
    """(file, line, message_key) of every DomainError (or subclass) raised or built in our code."""
    names = {"DomainError", "NotFoundError"}
    found = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name not in names:
                continue
            key = next((k.value for k in node.keywords if k.arg == "message_key"), None)
            value = key.value if isinstance(key, ast.Constant) else ("<expr>" if key is not None else None)
            found.append((str(path.relative_to(ROOT)), node.lineno, value))
    return found


def test_every_domain_error_a_person_can_see_has_a_catalogue_key():
    errors = _domain_errors()
    assert len(errors) > 20  # the walk finds the services' refusals
    missing = [f"{file}:{line}" for file, line, key in errors if key is None]
    unknown = [
        f"{file}:{line} {key}" for file, line, key in errors if key not in (None, "<expr>") and key not in CATALOGUE
    ]
    assert missing == [] and unknown == []


@pytest.mark.parametrize("key", sorted(k for k in CATALOGUE if k.startswith(("ops.err.", "plan.err.", "error."))))
def test_refusals_are_said_in_both_languages(key):
    assert CATALOGUE[key].get("en") and CATALOGUE[key].get("da")
