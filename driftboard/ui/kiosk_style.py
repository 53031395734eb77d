"""The shared screen's look: the app chrome hidden and type scaled to the screen. A module of
its own so ``setup_page`` can apply it without importing the kiosk's live parts."""

from __future__ import annotations

import streamlit as st

# Static CSS only (no user text): hide the app chrome and scale type with the screen, so a
# 1920×1080 TV and a 3840×2160 one both read from 3–4 metres.
KIOSK_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stHeader"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"], [data-testid="stElementToolbar"], footer {display: none !important;}
html {font-size: calc(0.55vw + 8px) !important;}
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 0.8rem 1.4rem 0.4rem 1.4rem !important; max-width: 100% !important;
}
[data-testid="stMarkdownContainer"], [data-testid="stTable"] td, [data-testid="stTable"] th {
  color: #0b0d10 !important;
}
[data-testid="stTable"] td, [data-testid="stTable"] th {font-size: 1rem !important; padding: 0.2rem 0.45rem !important;}
[data-testid="stTable"] th {font-weight: 700 !important;}
h2 {font-size: 1.9rem !important; padding: 0.1rem 0 0.45rem 0 !important;}
h3 {font-size: 1.5rem !important;}
h4 {font-size: 1.2rem !important; padding: 0.4rem 0 0.25rem 0 !important;}
[data-testid="stVerticalBlock"] {gap: 0.45rem !important;}
</style>"""


def apply_kiosk_style() -> None:
    st.html(KIOSK_CSS)
