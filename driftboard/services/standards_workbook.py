"""The standards library and the training plan of a team as a workbook, and its import: the
same rules as master data — every bad row named with its field, nothing written unless all rows
are good. Standards are matched by title (the team's own), trainings by person and task."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Engine, select

from db.engine import read_session, write_session
from db.models import Person, Standard, Task, Training
from driftboard import imports
from driftboard.domain import Actor, Role, RowError, ValidationError
from driftboard.i18n import t
from driftboard.services import access, scope, standards, training
from driftboard.standards import TrainingMethod, TrainingReason

STANDARD_COLUMNS = ("level", "title", "owner", "tasks", "url", "review_on", "text", "version", "effective_on")
TRAINING_COLUMNS = ("person", "task", "method", "planned_on", "done_on")
SHEETS = {"standards": STANDARD_COLUMNS, "training": TRAINING_COLUMNS}


def _header(sheet: str, lang: str) -> list[str]:
    return [t(f"std.xl.{sheet}.{c}", lang) for c in SHEETS[sheet]]


def export_workbook(team_id: int, lang: str = "en", engine: Engine | None = None) -> bytes:
    """The team's own standards and its people's training entries on the team's tasks."""
    found = [v for v in standards.library(team_id, engine) if v.org_unit_id == team_id]
    entries = training.trainings(team_id, engine=engine)
    own_tasks = {task_id for v in found for task_id, _name in v.tasks} | set(_team_tasks(team_id, engine))
    book = Workbook()
    sheet = book.active
    sheet.title = t("std.xl.standards", lang)
    imports.append_row(sheet, _header("standards", lang))
    for v in found:
        imports.append_row(
            sheet,
            [
                v.level,
                v.title,
                v.owner or "",
                "; ".join(n for _i, n in v.tasks),
                v.url,
                v.review_on,
                v.text,
                v.number,
                v.effective_on,
            ],
        )
    plan = book.create_sheet(t("std.xl.training", lang))
    imports.append_row(plan, _header("training", lang))
    for e in entries:
        if e.task_id in own_tasks:
            imports.append_row(plan, [e.person, e.task, e.method.value, e.planned_on, e.done_on])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _team_tasks(team_id: int, engine: Engine | None) -> list[int]:
    with read_session(engine) as s:
        return list(s.scalars(select(Task.id).where(Task.team_id == team_id)))


@dataclass(frozen=True)
class StandardsImport:
    standards: int
    trainings: int

    @property
    def changed(self) -> bool:
        return bool(self.standards or self.trainings)


def _sheets(data: bytes) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    titles = {t(f"std.xl.{name}", lang).casefold(): name for name in SHEETS for lang in ("en", "da")}
    headers = {
        t(f"std.xl.{name}.{c}", lang).casefold(): c for name in SHEETS for c in SHEETS[name] for lang in ("en", "da")
    }
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for tab in imports.read_xlsx(data, lambda title: title.strip().casefold() in titles):
        name = titles[tab.title.strip().casefold()]
        if not tab.rows:
            continue
        columns = [headers.get(str(h or "").strip().casefold()) for h in tab.rows[0]]
        found[name] = [
            (n, {c: raw[i] for i, c in enumerate(columns) if c and i < len(raw)})
            for n, raw in enumerate(tab.rows[1:], start=2)
            if any(v not in (None, "") for v in raw)
        ]
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any, row: int, field: str, errors: list[RowError]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        errors.append(RowError(row, field, "v.date", (("value", _text(value)),)))
        return None


def import_workbook(actor: Actor, team_id: int, data: bytes, engine: Engine | None = None) -> StandardsImport:
    """Add or change the team's standards (by title) and plan its trainings (a person and task
    with an open entry gets its method and date changed); all rows or none."""
    sheets = _sheets(data)
    errors: list[RowError] = []
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="standards import")
        scope.require_read(s, team_id)
        levels = {k for k, _en, _da in standards._levels(s, standards.unit_of(s, team_id))}
        people = dict(s.execute(select(Person.name, Person.id).where(Person.team_id == team_id)).all())
        tasks = dict(s.execute(select(Task.name, Task.id).where(Task.team_id == team_id)).all())
        saves = []
        for row, r in sheets.get("standards", []):
            level, title = _text(r.get("level")), _text(r.get("title"))
            if level not in levels:
                errors.append(
                    RowError(row, "standards.level", "v.unknown", (("value", level), ("choices", ", ".join(levels))))
                )
            if not title:
                errors.append(RowError(row, "standards.title", "v.required"))
            owner = _text(r.get("owner"))
            if owner and owner not in people:
                errors.append(RowError(row, "standards.owner", "v.unknown", (("value", owner), ("choices", "…"))))
            named = [n.strip() for n in _text(r.get("tasks")).split(";") if n.strip()]
            for name in named:
                if name not in tasks:
                    errors.append(
                        RowError(row, "standards.tasks", "v.unknown", (("value", name), ("choices", ", ".join(tasks))))
                    )
            review = _date(r.get("review_on"), row, "standards.review_on", errors)
            saves.append(
                standards.StandardInput(
                    level,
                    title,
                    people.get(owner),
                    _text(r.get("url")),
                    _text(r.get("text")),
                    review,
                    tuple(tasks[n] for n in named if n in tasks),
                )
            )
        plans = []
        for row, r in sheets.get("training", []):
            person, task, method = _text(r.get("person")), _text(r.get("task")), _text(r.get("method"))
            if person not in people:
                errors.append(RowError(row, "training.person", "v.unknown", (("value", person), ("choices", "…"))))
            if task not in tasks:
                errors.append(
                    RowError(row, "training.task", "v.unknown", (("value", task), ("choices", ", ".join(tasks))))
                )
            if method not in {m.value for m in TrainingMethod}:
                choices = ", ".join(m.value for m in TrainingMethod)
                errors.append(RowError(row, "training.method", "v.unknown", (("value", method), ("choices", choices))))
            planned = _date(r.get("planned_on"), row, "training.planned_on", errors)
            if _date(r.get("done_on"), row, "training.done_on", errors) is None:  # a done one stays as it is
                plans.append((people.get(person), tasks.get(task), method, planned))
        if errors:
            raise ValidationError(errors)
        own = {r.title: r for r in s.scalars(select(Standard).where(Standard.org_unit_id == team_id))}
        for data_row in saves:
            existing = own.get(data_row.title)
            standards._save_standard(s, team_id, data_row, existing.id if existing else None, None)
        for person_id, task_id, method, planned in plans:
            entry = s.scalar(
                select(Training).where(
                    Training.person_id == person_id, Training.task_id == task_id, Training.done_on.is_(None)
                )
            )
            if entry is None:
                training._plan(
                    s, s.get(Person, person_id), task_id, TrainingMethod(method), planned, TrainingReason.PLAN
                )
            else:
                entry.method, entry.planned_on = TrainingMethod(method), planned
        return StandardsImport(len(saves), len(plans))
