"""The maturity model of operations management and the rules of a self-assessment (pure).

31 practices in five disciplines, each scored on five levels (1–5, 155 points in all), grouped
in three implementation plateaus. The model is data (``sample_data/maturity_model.yaml``, a
unit may adapt it); the rules here turn an assessment's levels into its results: the total,
per discipline, the average per plateau, the next steps and the change since the previous
assessment. Also the assessment's Excel workbook (export, and reading a filled one back).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from driftboard.domain import RowError
from driftboard.imports import append_row, in_sheet, numbers_read
from driftboard.tables import Field, is_blank, parse_rows

MODEL_FILE = Path(__file__).resolve().parent.parent / "sample_data" / "maturity_model.yaml"
LEVELS = (1, 2, 3, 4, 5)
# The model's advice: every plateau-1 practice at least "common standardised" before pushing
# the later plateaus.
STANDARDISED = 3
NOTE_TEXT = 500
EVIDENCE_TEXT = 500


@dataclass(frozen=True)
class Level:
    level: int
    name: Mapping[str, str]  # language -> text
    description: Mapping[str, str]


@dataclass(frozen=True)
class Practice:
    key: str
    discipline: str
    plateau: int
    name: Mapping[str, str]


@dataclass(frozen=True)
class Discipline:
    key: str
    name: Mapping[str, str]
    practices: tuple[Practice, ...]


@dataclass(frozen=True)
class MaturityModel:
    levels: tuple[Level, ...]
    plateaus: Mapping[int, Mapping[str, str]]  # plateau -> its name per language
    disciplines: tuple[Discipline, ...]

    @property
    def practices(self) -> tuple[Practice, ...]:
        return tuple(p for d in self.disciplines for p in d.practices)

    @property
    def max_points(self) -> int:
        return len(self.practices) * max(LEVELS)

    def practice(self, key: str) -> Practice:
        return next(p for p in self.practices if p.key == key)

    def discipline(self, key: str) -> Discipline:
        return next(d for d in self.disciplines if d.key == key)

    def level(self, level: int) -> Level:
        return next(v for v in self.levels if v.level == level)


class ModelError(ValueError):
    """The model file does not describe a usable model (said in English: it is the unit's
    administrator who edits it)."""


def _texts(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(
        isinstance(raw.get(lang), str) and raw[lang].strip() for lang in ("en", "da")
    ):
        raise ModelError(f"{where}: needs an English and a Danish text (en, da)")
    return {lang: raw[lang].strip() for lang in ("en", "da")}


def parse_model(raw: Mapping[str, Any]) -> MaturityModel:
    """The model from its data (the YAML file read), checked: five levels 1–5 with names and
    descriptions, plateaus 1–3, every practice in one discipline with a known plateau and a
    unique key."""
    levels = tuple(
        Level(int(item["level"]), _texts(item.get("name"), f"level {item.get('level')}"),
              _texts(item.get("description"), f"level {item.get('level')} description"))
        for item in raw.get("levels", [])
    )  # fmt: skip
    if tuple(v.level for v in levels) != LEVELS:
        raise ModelError(f"the model needs the levels {LEVELS} in order")
    plateaus = {
        int(p["plateau"]): _texts(p.get("name"), f"plateau {p.get('plateau')}") for p in raw.get("plateaus", [])
    }
    if sorted(plateaus) != [1, 2, 3]:
        raise ModelError("the model needs the plateaus 1, 2 and 3")
    disciplines = []
    seen: set[str] = set()
    for d in raw.get("disciplines", []):
        practices = []
        for p in d.get("practices", []):
            key = str(p.get("key", "")).strip()
            if not key or key in seen:
                raise ModelError(f"practice key {key!r} is empty or used twice")
            if p.get("plateau") not in plateaus:
                raise ModelError(f"practice {key}: plateau must be one of {sorted(plateaus)}")
            seen.add(key)
            practices.append(Practice(key, d["key"], int(p["plateau"]), _texts(p.get("name"), f"practice {key}")))
        disciplines.append(Discipline(d["key"], _texts(d.get("name"), f"discipline {d['key']}"), tuple(practices)))
    if not disciplines or not all(d.practices for d in disciplines):
        raise ModelError("every discipline needs at least one practice")
    return MaturityModel(levels, plateaus, tuple(disciplines))


@functools.cache
def load_model(path: Path = MODEL_FILE) -> MaturityModel:
    """The maturity model from its YAML file (read once per process)."""
    return parse_model(yaml.safe_load(path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class DisciplineResult:
    key: str
    points: int
    max_points: int
    practices: int

    @property
    def average(self) -> float:
        return self.points / self.practices


@dataclass(frozen=True)
class Results:
    """What an assessment's levels add up to."""

    total: int
    max_points: int
    disciplines: tuple[DisciplineResult, ...]
    plateau_averages: Mapping[int, float]

    @property
    def share(self) -> float:
        """The total as a share of the maximum (0–1)."""
        return self.total / self.max_points


def check_complete(model: MaturityModel, levels: Mapping[str, int]) -> None:
    missing = [p.key for p in model.practices if p.key not in levels]
    unknown = sorted(set(levels) - {p.key for p in model.practices})
    bad = [k for k, v in levels.items() if v not in LEVELS]
    if missing or unknown or bad:
        raise ValueError(f"levels incomplete or invalid: missing {missing}, unknown {unknown}, out of range {bad}")


def results(model: MaturityModel, levels: Mapping[str, int]) -> Results:
    """Total (of ``model.max_points``, 155), points per discipline and the average level per
    plateau, for an assessment with a level for every practice."""
    check_complete(model, levels)
    disciplines = tuple(
        DisciplineResult(
            d.key, sum(levels[p.key] for p in d.practices), len(d.practices) * max(LEVELS), len(d.practices)
        )
        for d in model.disciplines
    )
    return Results(
        total=sum(levels[p.key] for p in model.practices),
        max_points=model.max_points,
        disciplines=disciplines,
        plateau_averages=plateau_averages(model, levels),
    )


def plateau_averages(model: MaturityModel, levels: Mapping[str, int]) -> dict[int, float]:
    """The average level of each plateau's practices (the model wants plateau 1 highest)."""
    out: dict[int, float] = {}
    for plateau in sorted(model.plateaus):
        scores = [levels[p.key] for p in model.practices if p.plateau == plateau]
        if scores:
            out[plateau] = sum(scores) / len(scores)
    return out


@dataclass(frozen=True)
class NextStep:
    practice: str
    plateau: int
    level: int
    target: int


def next_steps(model: MaturityModel, levels: Mapping[str, int], *, limit: int = 5) -> list[NextStep]:
    """What to lift next: every plateau-1 practice below "common standardised" first (lowest
    level first, then model order), target that level; when plateau 1 is all standardised,
    the lowest practices of plateau 2, target one level up; then plateau 3 the same way."""
    check_complete(model, levels)
    order = {p.key: i for i, p in enumerate(model.practices)}
    basic = [p for p in model.practices if p.plateau == 1 and levels[p.key] < STANDARDISED]
    if basic:
        basic.sort(key=lambda p: (levels[p.key], order[p.key]))
        return [NextStep(p.key, 1, levels[p.key], STANDARDISED) for p in basic][:limit]
    for plateau in sorted(model.plateaus):
        if plateau == 1:
            continue
        below_top = [p for p in model.practices if p.plateau == plateau and levels[p.key] < max(LEVELS)]
        if not below_top:
            continue
        lowest = min(levels[p.key] for p in below_top)
        picked = sorted((p for p in below_top if levels[p.key] == lowest), key=lambda p: order[p.key])
        return [NextStep(p.key, plateau, lowest, lowest + 1) for p in picked][:limit]
    # Everything at the top of plateaus 2 and 3: keep lifting what plateau 1 still lacks.
    rest = sorted(
        (p for p in model.practices if levels[p.key] < max(LEVELS)), key=lambda p: (levels[p.key], order[p.key])
    )
    return [NextStep(p.key, p.plateau, levels[p.key], levels[p.key] + 1) for p in rest][:limit]


@dataclass(frozen=True)
class Change:
    """How an assessment differs from the one before it."""

    total: int
    plateaus: Mapping[int, float]
    disciplines: Mapping[str, int]
    practices: Mapping[str, int]  # only the practices whose level changed

    @property
    def raised(self) -> list[str]:
        return [k for k, d in self.practices.items() if d > 0]

    @property
    def lowered(self) -> list[str]:
        return [k for k, d in self.practices.items() if d < 0]


def change_since(model: MaturityModel, previous: Mapping[str, int], current: Mapping[str, int]) -> Change:
    """The change in total, plateau averages, discipline points and per practice."""
    before, after = results(model, previous), results(model, current)
    return Change(
        total=after.total - before.total,
        plateaus={k: after.plateau_averages[k] - before.plateau_averages[k] for k in after.plateau_averages},
        disciplines={a.key: a.points - b.points for a, b in zip(after.disciplines, before.disciplines, strict=True)},
        practices={
            p.key: current[p.key] - previous[p.key] for p in model.practices if current[p.key] != previous[p.key]
        },
    )


def default_target(model: MaturityModel, practice: str, level: int) -> int:
    """The level an improvement card aims for: "common standardised" for a plateau-1 practice
    below it, else one level up (at most 5)."""
    if model.practice(practice).plateau == 1 and level < STANDARDISED:
        return STANDARDISED
    return min(level + 1, max(LEVELS))


# --------------------------------------------------------------------------- the workbook

WORKBOOK_COLUMNS = ("practice", "level", "note", "evidence")
# Danish headers of the workbook, read as the English column names.
WORKBOOK_ALIASES = {
    "praksis": "practice",
    "niveau": "level",
    "bemærkning": "note",
    "bemaerkning": "note",
    "dokumentation": "evidence",
}
SCORE_FIELDS = (
    Field("practice", "str"),
    Field("level", "int", low=1, high=5),
    Field("note", "str", required=False, default="", max_length=NOTE_TEXT, multiline=True),
    Field("evidence", "str", required=False, default="", max_length=EVIDENCE_TEXT, multiline=True),
)


@dataclass(frozen=True)
class Score:
    """One practice's level in an assessment, with the assessor's note and evidence link."""

    level: int
    note: str = ""
    evidence: str = ""


def write_workbook(
    model: MaturityModel,
    scores: Mapping[str, Score],
    headers: Mapping[str, str],
    texts: Mapping[str, str],
    lang: str,
) -> bytes:
    """The assessment as a workbook: sheet one a row per practice (key, discipline, name,
    plateau, level, note, evidence), sheet two the levels with their descriptions. ``headers``
    names the columns in the viewer's language (keys of ``WORKBOOK_COLUMNS`` plus ``discipline``,
    ``name``, ``plateau``, ``description``); ``texts`` the two sheets (``sheet``, ``levels``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = texts["sheet"]
    columns = ("practice", "discipline", "name", "plateau", "level", "note", "evidence")
    append_row(sheet, [headers[c] for c in columns])
    for practice in model.practices:
        score = scores.get(practice.key)
        append_row(
            sheet,
            [
                practice.key,
                model.discipline(practice.discipline).name[lang],
                practice.name[lang],
                practice.plateau,
                score.level if score else None,
                score.note if score else "",
                score.evidence if score else "",
            ],
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", (28, 16, 44, 9, 8, 40, 40), strict=True):
        sheet.column_dimensions[column].width = width
    levels = book.create_sheet(texts["levels"])
    append_row(levels, [headers["level"], headers["name"], headers["description"]])
    for level in model.levels:
        append_row(levels, [level.level, level.name[lang], level.description[lang]])
    for cell in levels[1]:
        cell.font = Font(bold=True)
    levels.column_dimensions["B"].width = 26
    levels.column_dimensions["C"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def validate_workbook(model: MaturityModel, table: Sequence[Any]) -> tuple[dict[str, Score], list[RowError]]:
    """Check the rows of a filled workbook (as ``imports.read_table`` reads its first sheet):
    a known practice key on each row, a level 1–5, each practice once and every practice
    there. Returns the scores and every error (row numbers as a person sees them)."""
    header = [WORKBOOK_ALIASES.get(h, h) for h in table[0]["__header__"]]
    missing = [c for c in ("practice", "level") if c not in header]
    if missing:
        columns = ", ".join(WORKBOOK_COLUMNS)
        return {}, in_sheet(table, [RowError(1, c, "v.missing_column", (("columns", columns),)) for c in missing])
    original = table[0]["__header__"]
    danish = table[0].get("__numbers__") == "da" or any(h in WORKBOOK_ALIASES for h in original)
    lang = "da" if danish else "en"
    known = {p.key for p in model.practices}
    scores: dict[str, Score] = {}
    seen: dict[str, int] = {}
    errors: list[RowError] = []
    for row_no, record in enumerate(table[1:], start=2):
        if record is None:
            continue
        renamed = {WORKBOOK_ALIASES.get(k, k): v for k, v in record.items() if k in original}
        renamed = {k: ("" if is_blank(v) and k in ("note", "evidence") else v) for k, v in renamed.items()}
        renamed, number_errors = numbers_read(renamed, SCORE_FIELDS, lang, row_no)
        parsed, row_errors = parse_rows([renamed], SCORE_FIELDS, first_row=row_no)
        row_errors = number_errors + [e for e in row_errors if e.field not in {n.field for n in number_errors}]
        errors.extend(row_errors)
        if row_errors:
            continue
        r = parsed[0]
        key = str(r["practice"]).strip()
        if key not in known:
            errors.append(RowError(row_no, "practice", "maturity.err.unknown_practice", (("value", key),)))
            continue
        if key in seen:
            errors.append(RowError(row_no, "practice", "maturity.err.duplicate_practice", (("row", seen[key]),)))
            continue
        seen[key] = row_no
        scores[key] = Score(int(r["level"]), str(r.get("note") or "").strip(), str(r.get("evidence") or "").strip())
    if not errors:
        absent = [p.key for p in model.practices if p.key not in scores]
        if absent:
            errors.append(
                RowError(len(table) + 1, "practice", "maturity.err.missing_practices", (("keys", ", ".join(absent)),))
            )
    return scores, in_sheet(table, errors)


def levels_of(scores: Mapping[str, Score]) -> dict[str, int]:
    return {k: s.level for k, s in scores.items()}


@dataclass(frozen=True)
class HistoryPoint:
    """One assessment of an org unit on the timeline."""

    assessed_on: dt.date
    total: int
    plateau_averages: Mapping[int, float]


def history(model: MaturityModel, assessments: Iterable[tuple[dt.date, Mapping[str, int]]]) -> list[HistoryPoint]:
    """Totals and plateau averages of an org unit's assessments, oldest first."""
    points = []
    for day, levels in sorted(assessments, key=lambda a: a[0]):
        r = results(model, levels)
        points.append(HistoryPoint(day, r.total, r.plateau_averages))
    return points
