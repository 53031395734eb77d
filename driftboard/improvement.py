"""Improvement-card rules (pure): the stage order and what a card needs to enter a stage."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from driftboard.domain import Stage

BOARD_STAGES = (
    Stage.INTAKE,
    Stage.PRIORITISATION,
    Stage.PLAN,
    Stage.DO,
    Stage.CHECK,
    Stage.ACT,
    Stage.STANDARD,
)
SIDE_STAGES = (Stage.PARKED, Stage.REJECTED)
PDCA_AND_LATER = (Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT, Stage.STANDARD)
# Cards someone is still working on (what the teams coordinate across the unit).
ACTIVE_STAGES = (Stage.INTAKE, Stage.PRIORITISATION, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT)
# Cards still waiting to be chosen: the ones the prioritisation matrix places.
MATRIX_STAGES = (Stage.INTAKE, Stage.PRIORITISATION)
# How far back the standards wall looks.
STANDARDS_WINDOW = dt.timedelta(weeks=8)


def next_stage(stage: Stage) -> Stage | None:
    """The column after ``stage`` on the board (None for New standard and the side stages)."""
    if stage in BOARD_STAGES[:-1]:
        return BOARD_STAGES[BOARD_STAGES.index(stage) + 1]
    return None


def move_targets(stage: Stage) -> list[Stage]:
    """Where a card in ``stage`` can be sent (every other stage; the rules say if it may enter)."""
    return [s for s in Stage if s is not stage]


def on_matrix(stage: Stage) -> bool:
    return stage in MATRIX_STAGES


def is_scored(impact: int | None, effort: int | None) -> bool:
    """Both scores set: the card can be placed on the matrix and may enter Plan."""
    return impact is not None and effort is not None


def offers_ownership(owner_id: int | None, person_id: int | None) -> bool:
    """Show "Take ownership" unless the person at the keyboard already owns the card (someone
    who has not said who they are is offered it, and told to choose who they are first)."""
    return person_id is None or owner_id != person_id


def standards_since(today: dt.date) -> dt.datetime:
    """The start of the standards wall: midnight ``STANDARDS_WINDOW`` before ``today``."""
    return dt.datetime.combine(today - STANDARDS_WINDOW, dt.time())


class CardOrigin(enum.StrEnum):
    """Where a card came from, stored as ``origin_kind`` with its parameters in ``origin_params``."""

    PARETO = "pareto"  # {"category", "start", "end"} (ISO dates)
    GOAL_ACTION = "goal_action"  # {"action_id", "measure", "org", "period_start"} (ISO date or None)
    MEETING = "ops_meeting"  # {} raised at the daily board meeting
    MATURITY = "maturity"  # {"practice", "level", "target", "assessment_id", "org", "assessed_on"}
    CONFIRMATION = "process_confirmation"  # {"task_id", "task", "day", "standard_id"?}


def origin_kind(raw: str | None) -> CardOrigin | None:
    """The stored kind as a ``CardOrigin`` (None when empty or unknown to this version)."""
    try:
        return CardOrigin(raw) if raw else None
    except ValueError:
        return None


@dataclass(frozen=True)
class CardFacts:
    """What the stage rules need to know about a card."""

    stage: Stage
    impact: int | None
    effort: int | None
    owner_id: int | None
    new_standard: str
    rejection_reason: str


def move_refusal(card: CardFacts, to: Stage) -> str | None:
    """Why ``card`` may not enter ``to`` (a catalogue key), or None when the move is allowed."""
    if to == card.stage:
        return "card.refuse.same_stage"
    if to in PDCA_AND_LATER:
        if card.impact is None or card.effort is None:
            return "card.refuse.needs_scores"
        if card.owner_id is None:
            return "card.refuse.needs_owner"
    if to is Stage.STANDARD and not card.new_standard.strip():
        return "card.refuse.needs_standard"
    if to is Stage.REJECTED and not card.rejection_reason.strip():
        return "card.refuse.needs_reason"
    return None


# --------------------------------------------------------------------------- WIP limits


def over_limit(count: int, limit: int | None) -> bool:
    """A column is over its limit when it holds more cards than allowed (no limit: never)."""
    return limit is not None and count > limit


def move_needs_confirmation(to: Stage, counts: Mapping[Stage, int], limits: Mapping[Stage, int]) -> bool:
    """Moving a card into ``to`` would put that column over its WIP limit: allowed, but ask first."""
    limit = limits.get(to)
    return limit is not None and counts.get(to, 0) + 1 > limit


def parse_wip_limits(raw: Mapping[str, Any] | None) -> dict[Stage, int]:
    """WIP limits as stored on the team/unit (``{"plan": 4}``); unknown stages are ignored."""
    limits: dict[Stage, int] = {}
    for key, value in (raw or {}).items():
        try:
            stage = Stage(key)
        except ValueError:
            continue
        if isinstance(value, int) and value > 0:
            limits[stage] = value
    return limits


# --------------------------------------------------------------------------- duplicates across teams

# rapidfuzz's token_set_ratio (0–100) on the words that carry meaning; pinned by tests with
# examples that must and must not match (same problem ≈ 85–90, merely related ≤ 70).
DUPLICATE_THRESHOLD = 75.0
_STOP_EN = "a an the on in of for to and or with is are be by at from too also when not our we it its this that as per"
_STOP_DA = "og i på af for til med er en et den det de som ikke når"
STOP_WORDS = frozenset(f"{_STOP_EN} {_STOP_DA}".split())


@dataclass(frozen=True)
class CardText:
    id: int
    team_id: int
    title: str
    problem: str = ""


def _normalise(text: str) -> str:
    return " ".join(w for w in re.sub(r"[^\w\s]", " ", text.casefold()).split() if w not in STOP_WORDS)


def similarity(a: CardText, b: CardText) -> float:
    """How alike two cards read (0–100): the better of title-to-title and whole-text scores."""
    from rapidfuzz import fuzz

    titles = fuzz.token_set_ratio(_normalise(a.title), _normalise(b.title))
    whole = fuzz.token_set_ratio(_normalise(f"{a.title} {a.problem}"), _normalise(f"{b.title} {b.problem}"))
    return max(titles, whole * 0.95)


def _normalised(cards: Sequence[CardText]) -> tuple[list[str], list[str]]:
    """Each card's title and whole text as ``similarity`` compares them, normalised once."""
    return [_normalise(c.title) for c in cards], [_normalise(f"{c.title} {c.problem}") for c in cards]


def _score_matrix(
    queries: tuple[list[str], list[str]], choices: tuple[list[str], list[str]], threshold: float
) -> np.ndarray:
    """``similarity`` of every query to every choice (rows × columns), computed by rapidfuzz in
    C on the pre-normalised texts; a score that cannot reach ``threshold`` may come out lower
    than ``similarity`` says (it is cut to 0), every score at or above it is exact."""
    from rapidfuzz import fuzz, process

    if not queries[0] or not choices[0]:
        return np.zeros((len(queries[0]), len(choices[0])))
    titles = process.cdist(
        queries[0], choices[0], scorer=fuzz.token_set_ratio, dtype=np.float64, score_cutoff=threshold, workers=-1
    )
    # A whole-text score counts 95 %: below threshold / 0.95 it cannot win (a margin for rounding).
    whole = process.cdist(
        queries[1],
        choices[1],
        scorer=fuzz.token_set_ratio,
        dtype=np.float64,
        score_cutoff=max(threshold / 0.95 - 0.01, 0.0),
        workers=-1,
    )
    return np.maximum(titles, whole * 0.95)


def likely_duplicates(
    card: CardText, others: Sequence[CardText], *, threshold: float = DUPLICATE_THRESHOLD, other_teams_only: bool = True
) -> list[tuple[CardText, float]]:
    """Cards (in other teams by default) that probably describe the same problem, best first."""
    scores = _score_matrix(_normalised([card]), _normalised(others), threshold)[0] if others else []
    found = []
    for j in np.flatnonzero(np.asarray(scores) >= threshold):
        other = others[j]
        if other.id == card.id or (other_teams_only and other.team_id == card.team_id):
            continue
        found.append((other, round(float(scores[j]), 1)))
    return sorted(found, key=lambda pair: -pair[1])


def duplicate_pairs(
    cards: Sequence[CardText], *, threshold: float = DUPLICATE_THRESHOLD, chunk: int = 256
) -> list[tuple[CardText, CardText, float]]:
    """Pairs of cards in different teams that probably describe the same problem, best first
    (ties in the cards' order): what ``likely_duplicates`` finds for every card among the cards
    after it. Each text is normalised once and only the pairs after the diagonal are scored;
    the same cards again (nothing in them changed since) are not scored again."""
    return [(cards[i], cards[j], score) for score, i, j in _pairs_among(tuple(cards), threshold, chunk)]


@functools.lru_cache(maxsize=8)
def _pairs_among(cards: tuple[CardText, ...], threshold: float, chunk: int) -> tuple[tuple[float, int, int], ...]:
    texts = _normalised(cards)
    teams = np.array([c.team_id for c in cards])
    found: list[tuple[float, int, int]] = []
    for start in range(0, len(cards), chunk):
        stop = min(start + chunk, len(cards))
        block = _score_matrix(
            (texts[0][start:stop], texts[1][start:stop]), (texts[0][start:], texts[1][start:]), threshold
        )
        rows = np.arange(start, stop)[:, None]
        columns = np.arange(start, len(cards))[None, :]
        wanted = (block >= threshold) & (columns > rows) & (teams[start:stop, None] != teams[None, start:])
        for i, j in zip(*np.nonzero(wanted), strict=True):
            found.append((round(float(block[i, j]), 1), start + int(i), start + int(j)))
    found.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return tuple(found)


# --------------------------------------------------------------------------- Pareto


@dataclass(frozen=True)
class ParetoRow:
    category: str
    count: int
    share_pct: float
    cumulative_pct: float
    vital_few: bool  # inside the first 80 % (the category that crosses 80 % included)


def pareto(counts: Mapping[str, int]) -> list[ParetoRow]:
    """Categories sorted by count (ties by name) with cumulative percentages; the "vital few"
    are the categories up to and including the one where the cumulative share reaches 80 %."""
    total = sum(counts.values())
    if total <= 0:
        return []
    rows, running, crossed = [], 0, False
    for category, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if count <= 0:
            continue
        running += count
        cumulative = running * 100 / total
        rows.append(ParetoRow(category, count, count * 100 / total, cumulative, not crossed))
        crossed = crossed or cumulative >= 80 - 1e-9
    return rows


# --------------------------------------------------------------------------- prioritisation matrix

QUADRANTS = {
    # (high impact, low effort) …
    (True, False): "quick_wins",
    (True, True): "big_projects",
    (False, False): "fill_ins",
    (False, True): "thankless",
}


def quadrant(impact: int, effort: int) -> str:
    """Quick wins (high impact, low effort), big projects, fill-ins or thankless tasks (1–5 scales;
    3 counts as high)."""
    return QUADRANTS[(impact >= 3, effort >= 3)]


def jitter(card_id: int, spread: float = 0.28) -> tuple[float, float]:
    """A small, stable offset per card so cards with equal scores don't hide each other."""
    x = ((card_id * 2654435761) % 1000) / 1000 - 0.5
    y = ((card_id * 40503 + 12345) % 1000) / 1000 - 0.5
    return x * spread * 2, y * spread * 2
