"""The shared screen (kiosk mode)."""

from __future__ import annotations

PREFIXES = ("kiosk",)

TEXTS: dict[str, dict[str, str]] = {
    "kiosk.more": {"en": "+ {count} more", "da": "+ {count} mere"},
    "kiosk.not_a_board": {
        "en": "A shared screen shows a board. Boards with a screen view: {boards}.",
        "da": "En fælles skærm viser en tavle. Tavler med skærmvisning: {boards}.",
    },
    "kiosk.reconnecting": {"en": "Reconnecting…", "da": "Genopretter forbindelsen…"},
    "kiosk.stale": {
        "en": "Not updated since {time} — the screen may show old figures. Check the connection.",
        "da": "Ikke opdateret siden {time} — skærmen kan vise gamle tal. Tjek forbindelsen.",
    },
    "kiosk.updated": {"en": "Updated {time}", "da": "Opdateret {time}"},
}
