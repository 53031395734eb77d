"""A plain HTML table and status badge for the shared screen, where the first paint counts
(the goal board's tiles use the badge too: ``goals_view.tiles_html``).

``st.table`` draws each cell through Streamlit's markdown renderer: the production table of a
team's board (8 columns, a status badge in most cells) took 250–300 ms after the heading to
appear on a TV reload, a plain table about 50 ms (``bench/first_paint.py``). The shared screen
needs no markdown in a cell — a text or a status badge — so it gets this table, built from
escaped text only (``html.escape``: a task named ``<b>`` shows as typed). The page keeps
``st.table``. The look (borders, padding, the badges' strong fills) is the kiosk's
(``kiosk_style``), so both kinds of table read the same on the wall.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Badge:
    """A coloured label with an icon: ``colour`` one of kiosk_style's fills, ``icon`` a Material
    Symbols name ("check_circle")."""

    colour: str
    icon: str
    text: str


Cell = str | Badge


def badge_html(badge: Badge) -> str:
    """The badge's markup: its fill, its icon in Streamlit's own icon font (``.db-icon`` in
    ``kiosk_style``; hidden from screen readers: the word says it)."""
    return (
        f'<span class="db-badge db-fill-{html.escape(badge.colour)}">'
        f'<span class="db-icon" aria-hidden="true">{html.escape(badge.icon)}</span> '
        f"{html.escape(badge.text)}</span>"
    )


def _cell(value: Cell) -> str:
    return badge_html(value) if isinstance(value, Badge) else html.escape(value)


def table_html(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """The table's markup: a header row and one row per entry, every text escaped."""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f'<div class="db-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def html_table(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Draw the table (its style comes with the kiosk's CSS)."""
    st.html(table_html(columns, rows))
