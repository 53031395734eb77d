"""Improvement cards: sixty per team over the years with their history (created, moved through
the stages, taken by an owner, commented), about 3 % near-duplicates of an earlier card of
another team in the same unit, some of them linked as duplicates."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass

from db.models import ImprovementCard
from driftboard.generate.common import AUDIT_COLUMNS, Generation, PersonSpec, Row, TeamSpec, stored_time, timestamp

CARDS_PER_TEAM = 60
# Titles: a verb, what it acts on and where; about 20,000 distinct titles.
CARD_VERBS = [
    "Automatisér",
    "Forenkl",
    "Fjern",
    "Standardisér",
    "Digitalisér",
    "Saml",
    "Flyt",
    "Forkort",
    "Tjek tidligere",
    "Del skabelon for",
    "Undgå dobbelt",
    "Lav tjekliste til",
    "Prioritér",
    "Gør selvbetjening mulig for",
]
CARD_OBJECTS = [
    "kontrol af lønsedler",
    "indtastning af CPR-nummer",
    "påmindelser om manglende bilag",
    "udsendelse af låneaftaler",
    "opslag i tingbogen",
    "behandling af fuldmagter",
    "svar på standardspørgsmål",
    "registrering af sikkerheder",
    "afstemning af udbetalinger",
    "journalisering af post",
    "sagsoverdragelse mellem teams",
    "godkendelse af undtagelser",
    "indhentning af årsopgørelser",
    "opfølgning på rykkere",
    "oprettelse af nye kunder",
    "ændring af adresser",
    "beregning af restgæld",
    "kvittering for modtagne sager",
    "skift mellem fagsystemer",
    "håndtering af returpost",
    "vurdering af boligværdi",
    "opsigelse af aftaler",
    "fordeling af morgenpost",
    "kopiering af skabeloner",
    "genfremsendelse af breve",
    "telefonkø om mandagen",
    "sagsnotater i fritekst",
    "udskrivning til scanning",
    "kontrol af underskrifter",
    "ventetid på kreditvurdering",
]
CARD_PLACES = [
    "i kundeservice",
    "ved udbetaling",
    "for erhvervskunder",
    "ved månedsskifte",
    "i tinglysningen",
    "ved nye medarbejdere",
    "på tværs af afdelinger",
    "i ferieperioder",
    "for dødsboer",
    "i klagesager",
    "ved ændring af lån",
    "for pensionister",
    "i morgenmødet",
    "i sagsbehandlingen",
    "ved indfrielse",
    "",
    "",
    "",
    "",
    "",
]
COMMENTS = [
    "Har talt med IT om det.",
    "Vi tager den op på tavlemødet i morgen.",
    "Samme problem ses i nabo-teamet.",
    "Afventer svar fra leverandøren.",
    "God idé, men hvad koster det?",
    "Prøvet af i to uger: virker.",
]
ACTIVE_STAGES = ("intake", "prioritisation", "plan", "do", "check", "act")
STAGE_PATH = ("prioritisation", "plan", "do", "check", "act", "standard")
ENDED_STAGES = ("standard", "parked", "rejected")
CARD_COLUMNS = [
    "id",
    "team_id",
    "title",
    "problem",
    "idea",
    "proposer_id",
    "owner_id",
    "stage",
    "impact",
    "effort",
    "new_standard",
    "rejection_reason",
    "needs_it_change",
    "stage_changed_at",
    "standard_at",
    "version",
    "created_at",
    "updated_at",
]
# Texts a generated card leaves empty: the A3 sheet and where the card came from.
EMPTY_TEXTS = [c.name for c in ImprovementCard.__table__.columns if c.name.startswith("a3_")] + ["origin"]

Earlier = tuple[int, int, str]  # an earlier card of the unit: card id, team id, title


def new_title(rng: random.Random) -> str:
    place = rng.choice(CARD_PLACES)
    title = f"{rng.choice(CARD_VERBS)} {rng.choice(CARD_OBJECTS)}"
    return f"{title} {place}" if place else title


def near_copy(rng: random.Random, title: str) -> str:
    """Another team's wording of the same problem: a typo, a word dropped or added."""
    words = title.split()
    how = rng.randrange(3)
    if how == 0 and len(words) > 3:
        del words[rng.randrange(1, len(words))]
    elif how == 1:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4:
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    else:
        words.append(rng.choice(("igen", "stadig", "også hos os", "(samme problem)")))
    return " ".join(words)


def write_cards(gen: Generation, teams: list[TeamSpec]) -> None:
    """Cards created over the years (more of them recently), each with its history."""
    writer = _CardWriter(gen)
    for team in teams:
        writer.team_cards(team)
    writer.write()


@dataclass
class _Card:
    """A generated card's life: who proposed it, where it stands and the stages it passed."""

    id: int
    team: TeamSpec
    title: str
    created: dt.datetime
    proposer: PersonSpec
    stage: str
    path: list[str]  # the stages it moved through after intake
    step: dt.timedelta  # between two moves
    owner: PersonSpec | None

    @property
    def moved_at(self) -> dt.datetime:
        return self.created + self.step * len(self.path)


class _CardWriter:
    """The cards' rows, their events, links and audit rows, collected team by team."""

    def __init__(self, gen: Generation) -> None:
        self.gen = gen
        self.start = dt.datetime.combine(gen.first, dt.time(9))
        self.span = (dt.datetime.combine(gen.today, dt.time(9)) - self.start).total_seconds()
        self.now = dt.datetime.combine(gen.today, dt.time(8))
        self.by_unit: dict[int, list[Earlier]] = {}  # unit index -> its cards so far
        self.cards: list[Row] = []
        self.events: list[Row] = []
        self.links: list[Row] = []
        self.audit: list[Row] = []

    def team_cards(self, team: TeamSpec) -> None:
        gen, rng = self.gen, random.Random(self.gen.seed * 15_485_863 + team.id)
        earlier = self.by_unit.setdefault(team.unit_index, [])
        for _ in range(CARDS_PER_TEAM):
            card_id = gen.ids.next("improvement_cards")
            created = self.start + dt.timedelta(seconds=int(rng.random() ** 0.8 * self.span))
            created = min(created, self.now - dt.timedelta(hours=1))
            copy_of = rng.choice(earlier) if earlier and rng.random() < 0.03 else None
            title = near_copy(rng, copy_of[2]) if copy_of else new_title(rng)
            earlier.append((card_id, team.id, title))
            card = _life(rng, card_id, team, title, created, (self.now - created).days)
            self._history(rng, card)
            if copy_of is not None and rng.random() < 0.3:
                a, b = sorted((copy_of[0], card_id))
                self.links.append((gen.ids.next("card_links"), a, b, team.leader, timestamp(gen.today, 8)))
            self.cards.append(_row(rng, card))
            new_value = json.dumps({"title": title, "stage": "intake"})
            self.audit.append(
                ("improvement_cards", card_id, "insert", new_value, card.proposer.name, 1, stored_time(created))
            )

    def _history(self, rng: random.Random, card: _Card) -> None:
        """Created in intake, moved along the path a step apart, taken by its owner, perhaps a
        comment."""

        def event(kind: str, field: str | None, old: str | None, new: str, actor: str, at: dt.datetime) -> None:
            self.events.append(
                (self.gen.ids.next("card_events"), card.id, kind, field, old, new, actor, stored_time(at))
            )

        event("created", None, None, "intake", card.proposer.name, card.created)
        mover = card.owner.name if card.owner else card.team.leader
        previous = "intake"
        for i, to in enumerate(card.path, start=1):
            event("moved", "stage", previous, to, mover, card.created + card.step * i)
            previous = to
        if card.owner:
            event("owner_taken", "owner", None, card.owner.name, card.owner.name, card.created + card.step / 2)
        if rng.random() < 0.25:
            text = rng.choice(COMMENTS)
            event("comment", None, None, text, rng.choice(card.team.handlers()).name, card.created + card.step)

    def write(self) -> None:
        insert = self.gen.insert
        insert("improvement_cards", [*CARD_COLUMNS, *EMPTY_TEXTS], ((*c, *[""] * len(EMPTY_TEXTS)) for c in self.cards))
        insert(
            "card_events",
            ["id", "card_id", "kind", "field", "old_value", "new_value", "actor", "created_at"],
            self.events,
        )
        insert("card_links", ["id", "card_a_id", "card_b_id", "created_by", "created_at"], unique_links(self.links))
        insert("audit_log", AUDIT_COLUMNS, self.audit)


def _life(rng: random.Random, card_id: int, team: TeamSpec, title: str, created: dt.datetime, age_days: int) -> _Card:
    handlers = team.handlers()
    proposer = rng.choice(handlers)
    stage = _stage(rng, age_days)
    path = _path(rng, stage)
    lifetime = min(age_days, 120) if stage in ENDED_STAGES else max(1, age_days)
    step = dt.timedelta(days=lifetime) / (len(path) + 1)
    owner = rng.choice(handlers) if stage not in ("intake", "prioritisation") else None
    return _Card(card_id, team, title, created, proposer, stage, path, step, owner)


def _stage(rng: random.Random, age_days: int) -> str:
    """Old cards have mostly ended (standard, rejected, parked); new ones are active."""
    r = rng.random()
    if age_days > 180:
        stage = "standard" if r < 0.55 else "rejected" if r < 0.7 else "parked" if r < 0.8 else None
    elif age_days > 60:
        stage = "standard" if r < 0.25 else "rejected" if r < 0.33 else "parked" if r < 0.37 else None
    else:
        stage = None
    return stage or rng.choice(ACTIVE_STAGES)


def _path(rng: random.Random, stage: str) -> list[str]:
    """The stages a card moved through after intake to reach ``stage``."""
    if stage in ("parked", "rejected"):
        return [*STAGE_PATH[: rng.randrange(0, 3)], stage]
    return list(STAGE_PATH[: STAGE_PATH.index(stage) + 1]) if stage in STAGE_PATH else []


def _row(rng: random.Random, card: _Card) -> Row:
    """The card's row, in ``CARD_COLUMNS`` order, with its texts, scores and version."""
    prioritised = card.stage != "intake"
    standard = card.stage == "standard"
    problem = f"Vi bruger tid på {card.title.split(' ', 1)[-1].lower()} hver uge."
    idea = "Lav en fælles skabelon og aftal én måde at gøre det på." if rng.random() < 0.6 else ""
    moved_at = stored_time(card.moved_at)
    return (
        card.id,
        card.team.id,
        card.title[:200],
        problem,
        idea,
        card.proposer.id,
        card.owner.id if card.owner else None,
        card.stage,
        rng.randint(1, 5) if prioritised else None,
        rng.randint(1, 5) if prioritised else None,
        "Ny standard beskrevet i teamets vejledning." if standard else "",
        "Løses bedre af et fælles IT-projekt." if card.stage == "rejected" else "",
        rng.random() < 0.15,
        moved_at,
        moved_at if standard else None,
        1 + len(card.path) + (1 if card.owner else 0),
        stored_time(card.created),
        moved_at,
    )


def unique_links(links: list[Row]) -> Iterator[Row]:
    """Each pair of cards linked once, and never a card to itself."""
    seen: set[tuple[int, int]] = set()
    for link in links:
        if (link[1], link[2]) not in seen and link[1] != link[2]:
            seen.add((link[1], link[2]))
            yield link
