"""Improvement-card rules (pure): the stage order and what a card needs to enter a stage."""

from __future__ import annotations

from dataclasses import dataclass

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
