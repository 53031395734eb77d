"""The shared screen (kiosk mode)."""

from __future__ import annotations

PREFIXES = ("kiosk",)

TEXTS: dict[str, dict[str, str]] = {
    "kiosk.reconnecting": {"en": "Reconnecting…", "da": "Genopretter forbindelsen…"},
    "kiosk.stale": {
        "en": "Not updated since {time} — the screen may show old figures. Check the connection.",
        "da": "Ikke opdateret siden {time} — skærmen kan vise gamle tal. Tjek forbindelsen.",
    },
    "kiosk.updated": {"en": "Updated {time}", "da": "Opdateret {time}"},
}
