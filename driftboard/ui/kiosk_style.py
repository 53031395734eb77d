"""The shared screen's look: the app chrome hidden and type scaled to the screen. A module of
its own so ``setup_page`` can apply it without importing the kiosk's live parts."""

from __future__ import annotations

import streamlit as st

# Static CSS only (no user text): hide the app chrome, scale everything with the screen, and
# never dim the board while it refreshes.
# - The root font size is a share of the viewport width, so every rem (type, spacing, the
#   kanban) is exactly twice as large on a 3840 px screen as on a 1920 px one; what Vega draws in
#   pixels is scaled in Python from the measured viewport (``kiosk.Screen``).
# - Streamlit's "Connection error" dialog (English, over the whole board) never shows: the
#   stamp says the screen is reconnecting, in the screen's language, and redraws by itself.
# - Streamlit fades an element to a third of its opacity (``data-stale="true"``, after 0.5 s)
#   while a rerun is under way. On a TV a fragment refresh that waits for a busy server would
#   flicker half the board: the shared screen keeps every element at full opacity.
# - Legible at 3 m (at 16:9, 1rem is 1.71 % of the screen's height): headline numbers and status
#   words 1.85rem (3.2 %), table text 1.3rem (2.2 %); chart axis labels are sized in
#   ``board_parts.tv_chart``. tests/browser/test_kiosk_legibility.py measures them.
_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stHeader"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"], [data-testid="stElementToolbar"], footer,
[data-testid="stDialog"] {display: none !important;}
html {font-size: calc(100vw / 104) !important;}
[data-stale="true"] {opacity: 1 !important; transition: none !important;}
.st-key-kiosk-screen {position: absolute !important; width: 0 !important; height: 0 !important; overflow: hidden;}
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 0.6rem 1.2rem 0.3rem 1.2rem !important; max-width: 100% !important;
}
[data-testid="stMarkdownContainer"], [data-testid="stTable"] td, [data-testid="stTable"] th {
  color: #0b0d10 !important;
}
[data-testid="stMarkdownContainer"] p {font-size: 1.3rem;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  font-size: 1.05rem !important; color: #2b313b !important; opacity: 1 !important;
}
[data-testid="stTable"] td, [data-testid="stTable"] th, .db-table td, .db-table th {
  font-size: 1.3rem !important; line-height: 1.35 !important; padding: 0.12rem 0.4rem !important;
}
[data-testid="stTable"] th, [data-testid="stTable"] th *, .db-table th {
  font-weight: 700 !important; white-space: nowrap !important;
}
/* A table row is one line (ops_screen counts rows; the texts are clipped to fit their column). */
[data-testid="stTable"] td, [data-testid="stTable"] td [data-testid="stMarkdownContainer"],
[data-testid="stTable"] td p, .db-table td {white-space: nowrap !important; max-width: none !important;}
.st-key-kiosk-wrap [data-testid="stTable"] td p {white-space: normal !important;}
.db-table {border: 1px solid rgba(47, 45, 43, 0.1); border-radius: 0.5rem; overflow: hidden;}
.db-table table {border-collapse: separate; border-spacing: 0; width: 100%;}
.db-table th, .db-table td {
  border-bottom: 1px solid rgba(47, 45, 43, 0.1); border-right: 1px solid rgba(47, 45, 43, 0.1);
  text-align: left; vertical-align: middle; color: #0b0d10;
}
.db-table tr > :last-child {border-right: none;}
.db-table tbody tr:last-child td {border-bottom: none;}
.db-icon {font-family: "Material Symbols Rounded"; font-weight: 400; display: inline-block; white-space: nowrap;
          font-size: 1.25em; line-height: 1; vertical-align: -0.22em; user-select: none;}
.db-badge {font-weight: 700; padding: 0.05em 0.35em; border-radius: 0.3em;}
.stMarkdownColoredBackground {font-weight: 700; padding: 0.05em 0.35em !important; border-radius: 0.3em;}
.stMarkdownColoredBackground [data-testid="stIconMaterial"] {font-size: 1.25em !important; vertical-align: -0.22em;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {font-size: 2.4rem !important; line-height: 1.15;}
[data-testid="stMetricLabel"] p {font-size: 1.05rem !important;}
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] p {font-size: 1.3rem !important;}
h2 {font-size: 1.75rem !important; padding: 0 0 0.2rem 0 !important;}
h3 {font-size: 1.85rem !important; padding: 0 !important; line-height: 1.25 !important;}
h3 .stMarkdownColoredBackground {display: inline-block; line-height: 1.2;}
[data-testid="stMarkdownContainer"]:has(> [data-testid="stHeadingWithActionElements"] h3) {margin-bottom: 0 !important;}
h4 {font-size: 1.4rem !important; padding: 0.3rem 0 0.1rem 0 !important; line-height: 1.25 !important;}
h2, h3, h4 {margin-bottom: 0 !important;}
[data-testid="stElementContainer"]:has(h4) {margin-bottom: 0.35rem !important;}
[data-testid="stVerticalBlock"] {gap: 0.4rem !important;}
[data-testid="stHorizontalBlock"] {gap: 1.2rem !important;}
html {--kanban-column-height: 50vh; --kanban-side-height: 15vh; --kanban-card-font: 1.3rem;
      --kanban-head-font: 1.3rem; --kanban-count-font: 1.85rem; --kanban-meta-font: 1.05rem;}
.db-tiles {display: grid; gap: 1.2rem; margin-bottom: 0.2rem;}
.db-tiles-3 {grid-template-columns: repeat(3, minmax(0, 1fr));}
.db-tiles-4 {grid-template-columns: repeat(4, minmax(0, 1fr));}
.db-tiles-5 {grid-template-columns: repeat(5, minmax(0, 1fr));}
.db-tile {border: 1px solid rgba(47, 45, 43, 0.2); border-radius: 0.5rem; padding: 0.7rem 1rem; min-width: 0;
          color: #0b0d10;}
.db-tile-name {font-weight: 700; font-size: 1.3rem; line-height: 1.35;}
.db-tile-verdict {margin: 0.25rem 0 0.35rem 0;}
.db-tile-verdict .db-badge {font-size: 1.85rem; line-height: 1.25; display: inline-block;}
.db-tile-value {font-size: 2.4rem; line-height: 1.15;}
.db-tile-gap {font-size: 1.3rem; line-height: 1.6; padding: 0 0.45rem; border-radius: 1rem; display: inline-block;}
.db-gap-red {background: #fdecea; color: #8e1b14;}
.db-gap-green {background: #e6f4ea; color: #14532d;}
.db-tile-note {font-size: 1.05rem; line-height: 1.5; color: #2b313b; margin-top: 0.2rem;}
{fills}
</style>"""


# A status reads from across the room by its fill: the pale tints Streamlit gives
# ``:green-background[…]`` (1.06–1.10:1 against the page) become strong fills with white text
# (at least 5:1), still with the status's icon and word. Streamlit sets the tint inline, in the
# serialised form matched here: its light theme's defaults, which our theme leaves as they are.
TINTS = {  # Streamlit 1.67, light theme: theme.<colour>BackgroundColor
    "green": (241, 251, 246),
    "red": (255, 241, 242),
    "orange": (255, 246, 237),
    "yellow": (255, 250, 229),
    "blue": (237, 245, 255),
    "violet": (248, 242, 255),
    "gray": (245, 244, 242),
}
FILLS = {
    "green": ("#17703a", "#ffffff"),
    "red": ("#b3261e", "#ffffff"),
    "orange": ("#b45309", "#ffffff"),
    "yellow": ("#f2c200", "#1b1f24"),
    "blue": ("#1f5fae", "#ffffff"),
    "violet": ("#6a3fa8", "#ffffff"),
    "gray": ("#5b6472", "#ffffff"),
}


def _fill_rules() -> str:
    rules = []
    for colour, (r, g, b) in TINTS.items():
        fill, text = FILLS[colour]
        rules.append(
            f'.stMarkdownColoredBackground[style*="rgb({r}, {g}, {b})"], .db-fill-{colour} '
            f"{{background-color: {fill} !important; color: {text} !important;}}"
        )
    return "\n".join(rules)


KIOSK_CSS = _CSS.replace("{fills}", _fill_rules())


def apply_kiosk_style() -> None:
    st.html(KIOSK_CSS)
