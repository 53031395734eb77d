"""Duplicate detection across teams: the vectorised search finds exactly what comparing every
pair with ``similarity`` finds, in the same order, on generated titles with near-duplicates."""

from __future__ import annotations

import random

import pytest
from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard.domain import Actor
from driftboard.improvement import (
    DUPLICATE_THRESHOLD,
    CardText,
    duplicate_pairs,
    likely_duplicates,
    similarity,
)
from driftboard.services import improvement, improvement_coordination, masterdata
from tests.conftest import ROOT

SUBJECTS = [
    "customer",
    "case",
    "loan",
    "mortgage",
    "payout",
    "deed",
    "signature",
    "email",
    "phone",
    "queue",
    "meeting",
    "checklist",
    "template",
    "form",
    "letter",
    "document",
    "income",
    "valuation",
    "registry",
    "advisor",
    "handover",
    "backlog",
    "invoice",
    "archive",
    "calendar",
    "budget",
]
PROBLEMS = [
    "missing",
    "delayed",
    "wrong",
    "duplicated",
    "lost",
    "unclear",
    "slow",
    "rejected",
    "forgotten",
    "incomplete",
    "late",
    "manual",
]
PLACES = (
    "in the shared mailbox",
    "at month end",
    "for new customers",
    "after the phone call",
    "during handover",
    "in the case system",
    "før udbetaling",
    "på fredage",
)


def _near(rng: random.Random, text: str) -> str:
    """The same problem in slightly other words: a word added, swapped, or a plural."""
    words = text.split()
    if not words:
        return text
    match rng.randrange(3):
        case 0:
            words.insert(rng.randrange(len(words) + 1), rng.choice(["the", "often", "again", "still", "ofte"]))
        case 1:
            i, j = rng.randrange(len(words)), rng.randrange(len(words))
            words[i], words[j] = words[j], words[i]
        case _:
            words[-1] += "s"
    return " ".join(words)


def generated_cards(count: int, seed: int, duplicate_share: float = 0.05) -> list[CardText]:
    rng = random.Random(seed)
    cards: list[CardText] = []
    for i in range(count):
        if cards and rng.random() < duplicate_share:
            twin = rng.choice(cards)
            title, problem = _near(rng, twin.title), rng.choice(["", _near(rng, twin.problem)])
        else:
            first, second = rng.sample(SUBJECTS, 2)
            title = f"{first.capitalize()} {rng.choice(PROBLEMS)} {second} {rng.choice(PLACES)}"
            problem = rng.choice(["", f"The {second} is often {rng.choice(PROBLEMS)}.", "Kunder ringer igen."])
        cards.append(CardText(i + 1, rng.randrange(1, 6), title, problem))
    return cards


def pairs_by_comparing_every_pair(cards: list[CardText]) -> list[tuple[int, int, float]]:
    """The search as it was: ``similarity`` on every later card in another team."""
    pairs = []
    for i, card in enumerate(cards):
        found = []
        for other in cards[i + 1 :]:
            if other.team_id != card.team_id and (score := similarity(card, other)) >= DUPLICATE_THRESHOLD:
                found.append((other, round(score, 1)))
        pairs += [(card.id, other.id, score) for other, score in sorted(found, key=lambda pair: -pair[1])]
    return sorted(pairs, key=lambda pair: -pair[2])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_duplicate_pairs_match_comparing_every_pair(seed):
    cards = generated_cards(220, seed)
    expected = pairs_by_comparing_every_pair(cards)
    assert len(expected) > 20  # the generated near-duplicates are found
    found = [(a.id, b.id, score) for a, b, score in duplicate_pairs(cards, chunk=50)]
    assert found == expected


def test_suggestions_for_one_card_match_comparing_every_card():
    cards = generated_cards(300, 4)
    for card in cards[::15]:
        expected = sorted(
            (
                (other.id, round(score, 1))
                for other in cards
                if other.team_id != card.team_id and (score := similarity(card, other)) >= DUPLICATE_THRESHOLD
            ),
            key=lambda pair: -pair[1],
        )
        assert [(other.id, score) for other, score in likely_duplicates(card, cards)] == expected


def test_no_cards_no_pairs():
    assert duplicate_pairs([]) == []
    assert likely_duplicates(CardText(1, 1, "Payout email"), []) == []


def test_the_coordination_tab_lists_the_most_alike_pairs_first_and_shows_more_on_request(demo_app, demo_url):
    engine = get_engine(demo_url)
    teams = masterdata.list_teams(engine)
    titles = (
        "Printer jams on the second floor",
        "Valuation reports arrive late",
        "Phone queue long at noon",
        "Fax lost",
    )
    for title in titles:
        for team in teams:
            improvement.create_card(Actor("tester"), team.id, title=title, engine=engine)
    pairs = improvement_coordination.duplicate_pairs(teams[0].unit_id, engine)
    assert len(pairs) > 20
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = teams[0].slug
    at.run()
    at.switch_page("pages/improvement.py")
    at.session_state["imp_tab"] = "All teams"
    at.run()
    assert not at.exception
    links = [b for b in at.button if b.key and b.key.startswith("link_pair_")]
    assert len(links) == 20
    assert links[0].key == f"link_pair_{pairs[0][0].id}_{pairs[0][1].id}"
    assert any(f"20 most alike of {len(pairs)}" in c.value for c in at.caption)
    at.button(key="imp_more_pairs").click().run()
    assert not at.exception
    assert len([b for b in at.button if b.key and b.key.startswith("link_pair_")]) == min(40, len(pairs))


def test_the_same_cards_again_are_not_scored_again():
    from driftboard import improvement as rules

    cards = generated_cards(60, 5)
    first = duplicate_pairs(cards)
    before = rules._pairs_among.cache_info().hits
    assert duplicate_pairs(list(cards)) == first
    assert rules._pairs_among.cache_info().hits == before + 1
    changed = [*cards[:-1], CardText(cards[-1].id, cards[-1].team_id, cards[0].title, cards[0].problem)]
    assert duplicate_pairs(changed) != first  # an edited title is scored again
