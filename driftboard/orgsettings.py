"""The settings of a unit that a department or team may override, and how they are inherited:
the team's own value, else its department's, else its unit's, else the product's default. Pure:
plain values in, the value in force and where it comes from out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from driftboard.bounds import Bounds
from driftboard.domain import CardMoves, OrgLevel, RowError, Stage
from driftboard.opsboard import DEFAULT_ESCALATION
from driftboard.status import OFFICE_HOURS, TodayRule
from driftboard.tables import EARLIEST_DATE, date_refusal
from driftboard.tiers import DEFAULT_MEETINGS

WIP_STAGES = (Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT)


@dataclass(frozen=True)
class Setting:
    """One inheritable setting: its ``OrgUnit`` column, its kind and range and its default."""

    name: str
    kind: str  # language | number | integer | time | date | choice | wip | order
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def bounds(self) -> Bounds:
        return Bounds(self.low, self.high)


SETTINGS: tuple[Setting, ...] = (
    Setting("language", "choice", "da", choices=("da", "en")),
    Setting("status_tolerance_pct", "number", 0.0, low=0, high=100),
    Setting("refresh_seconds", "integer", 60, low=5, high=3600),
    Setting("meeting_time", "time", DEFAULT_MEETINGS[OrgLevel.TEAM]),
    Setting("department_meeting_time", "time", DEFAULT_MEETINGS[OrgLevel.DEPARTMENT]),
    Setting("unit_meeting_time", "time", DEFAULT_MEETINGS[OrgLevel.UNIT]),
    Setting("meeting_minutes", "integer", 10, low=1, high=120),
    Setting("competence_margin_fte", "number", 1.0, low=0, high=100),
    Setting("wip_limits", "wip", {}),
    Setting("escalation_order", "order", list(DEFAULT_ESCALATION), choices=DEFAULT_ESCALATION),
    Setting("today_rule", "choice", TodayRule.PRO_RATA.value, choices=tuple(r.value for r in TodayRule)),
    Setting("work_day_start", "time", OFFICE_HOURS.start),
    Setting("work_day_end", "time", OFFICE_HOURS.end),
    Setting("card_moves", "choice", CardMoves.TEAM.value, choices=tuple(c.value for c in CardMoves)),
    Setting("office_days_per_week", "integer", 0, low=0, high=5),
    Setting("first_day", "date", EARLIEST_DATE),
)
SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Inherited:
    """A setting as it is in force on an org unit: the value, and whose it is (``source``: the
    org unit's own name when it set it, an ancestor's name, or None for the default)."""

    value: Any
    source: str | None
    own: bool


@dataclass(frozen=True)
class Layer:
    """One org unit's own values (None: not set), nearest first in a chain."""

    name: str
    values: Mapping[str, Any]


def inherit(chain: Sequence[Layer], name: str, default: Any) -> Inherited:
    """The first value set from the org unit up through its department and unit, else the default.
    An empty WIP-limit map or escalation order counts as not set."""
    for depth, layer in enumerate(chain):
        value = layer.values.get(name)
        if value is not None and value != {} and value != []:
            return Inherited(value, layer.name, depth == 0)
    return Inherited(default, None, False)


def inherit_all(chain: Sequence[Layer], defaults: Mapping[str, Any]) -> dict[str, Inherited]:
    return {name: inherit(chain, name, default) for name, default in defaults.items()}


def validate_settings(changes: Mapping[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    """Check the changed settings (None: inherit again); return clean values and errors that
    name the setting and its allowed range."""
    clean: dict[str, Any] = {}
    errors: list[RowError] = []
    for name, value in changes.items():
        setting = SETTINGS_BY_NAME.get(name)
        if setting is None:
            errors.append(RowError(1, name, "v.unknown", (("value", name), ("choices", ", ".join(SETTINGS_BY_NAME)))))
            continue
        if value is None:
            clean[name] = None
            continue
        try:
            clean[name] = _clean(setting, value)
        except ValueError as exc:
            errors.append(RowError(1, name, *exc.args))
    start = clean.get("work_day_start")
    end = clean.get("work_day_end")
    if isinstance(start, dt.time) and isinstance(end, dt.time) and end <= start:
        errors.append(RowError(1, "work_day_end", "set.err.day_order", (("start", start.strftime("%H:%M")),)))
    return clean, errors


def _clean(setting: Setting, value: Any) -> Any:
    if setting.kind == "choice":
        if value not in setting.choices:
            raise ValueError("v.unknown", (("value", value), ("choices", ", ".join(setting.choices))))
        return value
    if setting.kind in ("number", "integer"):
        number = float(value)
        if setting.kind == "integer" and not number.is_integer():
            raise ValueError("v.integer", (("value", value),))
        if number not in setting.bounds:
            raise ValueError("v.range", (("low", setting.low), ("high", setting.high)))
        return int(number) if setting.kind == "integer" else number
    if setting.kind == "time":
        if not isinstance(value, dt.time):
            raise ValueError("set.err.time", (("value", value),))
        return value
    if setting.kind == "date":
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValueError("v.date", (("value", str(value)[:40]),))
        refusal = date_refusal(value, setting.name)
        if refusal:
            raise ValueError(refusal.code, refusal.params)
        return value
    if setting.kind == "wip":
        limits = {}
        for stage, limit in dict(value).items():
            if stage not in {s.value for s in WIP_STAGES}:
                raise ValueError("v.unknown", (("value", stage), ("choices", ", ".join(s.value for s in WIP_STAGES))))
            if limit is None:
                continue
            if not float(limit).is_integer() or not 1 <= limit <= 99:
                raise ValueError("v.range", (("low", 1), ("high", 99)))
            limits[stage] = int(limit)
        return limits or None
    order = list(value)  # escalation order: each known step at most once
    if len(set(order)) != len(order) or any(step not in setting.choices for step in order):
        raise ValueError("v.unknown", (("value", ", ".join(order)), ("choices", ", ".join(setting.choices))))
    return order or None
