"""Recent changes read from the audit log: which board a change belongs to, and how a change is
said in the viewer's language (entity and field names from the catalogue, values formatted).

Plain data in, plain text out; ``services.history`` feeds it from the database."""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass

from driftboard.domain import AuditAction
from driftboard.i18n import CATALOGUE, fmt_date, fmt_hours, local_time, t


class Board(enum.StrEnum):
    OPERATIONS = "operations"
    GOALS = "goals"
    IMPROVEMENT = "improvement"
    SETTINGS = "settings"


BOARD_OF: dict[str, Board] = {
    "production": Board.OPERATIONS,
    "holdings": Board.OPERATIONS,
    "week_plans": Board.OPERATIONS,
    "assignments": Board.OPERATIONS,
    "absences": Board.OPERATIONS,
    "planned_volume_overrides": Board.OPERATIONS,
    "plan_changes": Board.OPERATIONS,
    "escalations": Board.OPERATIONS,
    "measure_values": Board.GOALS,
    "measures": Board.GOALS,
    "actions": Board.GOALS,
    "improvement_cards": Board.IMPROVEMENT,
    "card_events": Board.IMPROVEMENT,
    "card_links": Board.IMPROVEMENT,
    "error_registrations": Board.IMPROVEMENT,
}


def board_of(entity: str) -> Board:
    """The board a table's rows are shown on; master data, users and the rest are settings."""
    return BOARD_OF.get(entity, Board.SETTINGS)


# Fields that repeat who made the change (the log's own "who" already says it): not listed.
BOOKKEEPING: frozenset[str] = frozenset({"recorded_by", "entered_by", "updated_by"})

# Rows an undo of their insert may remove: nothing else points at them.
UNDO_INSERT: frozenset[str] = frozenset(
    {"production", "holdings", "measure_values", "absences", "planned_volume_overrides", "competences", "escalations"}
)


@dataclass(frozen=True)
class Change:
    """One audit-log entry, with the row it describes in words (``label``: a task and day …)."""

    id: int
    at: dt.datetime  # UTC, as stored
    actor: str
    entity: str
    entity_id: int
    action: AuditAction
    field: str | None
    old_value: str | None
    new_value: str | None
    row_version: int | None
    label: str
    # For a reference (``team_id``, ``owner_id``): the names the old and new ids stood for, so a
    # person reads "Team: Mortgages → Home loans", never ids (the ids stay for an undo).
    old_shown: str | None = None
    new_shown: str | None = None

    @property
    def board(self) -> Board:
        return board_of(self.entity)

    @property
    def undoable(self) -> bool:
        """Whether an undo can be tried: one field's update, or the insert of a simple row."""
        if self.action is AuditAction.UPDATE:
            return self.field is not None and self.row_version is not None
        return self.action is AuditAction.INSERT and self.entity in UNDO_INSERT


def entity_name(entity: str, lang: str) -> str:
    key = f"entity.{entity}"
    return t(key, lang) if key in CATALOGUE else entity.replace("_", " ")


def field_name(field: str, lang: str) -> str:
    key = f"field.{field}"
    return t(key, lang) if key in CATALOGUE else field.replace("_", " ")


def value_text(field: str | None, value: str | None, lang: str) -> str:
    """A stored value as the viewer reads it: dates and numbers in their language, kinds by
    their catalogue name (``stage.plan`` → "Plan"), empty as a dash."""
    if value is None or value == "":
        return "–"
    if field and f"{field}.{value}" in CATALOGUE:
        return t(f"{field}.{value}", lang)
    try:
        return fmt_date(dt.date.fromisoformat(value), lang) if len(value) == 10 else value_number(value, lang)
    except ValueError:
        return value_number(value, lang)


def value_number(value: str, lang: str) -> str:
    try:
        return fmt_hours(float(value), lang)
    except ValueError:
        return value


def change_text(change: Change, lang: str) -> str:
    """``produced: 70 → 77``, ``added``, ``removed`` in the viewer's language."""
    if change.action is AuditAction.INSERT:
        return t("history.added", lang)
    if change.action is AuditAction.DELETE:
        return t("history.removed", lang)
    if change.field is None:
        return t("history.touched", lang)
    old = change.old_shown or value_text(change.field, change.old_value, lang)
    new = change.new_shown or value_text(change.field, change.new_value, lang)
    return f"{field_name(change.field, lang)}: {old} → {new}"


def what_text(change: Change, lang: str) -> str:
    """``Production · Loan applications, 2026-11-24``."""
    name = entity_name(change.entity, lang)
    return f"{name} · {change.label}" if change.label else f"{name} #{change.entity_id}"


def when_text(change: Change, lang: str) -> str:
    local = local_time(change.at)
    return f"{fmt_date(local.date(), lang)} {local.strftime('%H:%M')}"


def row_values(text: str | None) -> dict[str, str | None]:
    """The column values of a whole row as the audit log stores an insert or delete."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
