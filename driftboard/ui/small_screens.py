"""Phones and keyboards on every normal page (the shared screen has neither).

On a narrow screen (a phone at the desk): every tab stays in sight (the tab row wraps instead of
scrolling sideways), headings shrink to the width, and the sidebar closes once a page in it is
chosen, instead of covering three quarters of the page that opened.

For the keyboard: a page with an entry form draws a ``skip_target``; the one "skip" link of the
document (first in the tab order, seen when focused) then moves the focus into that form's
first field, and a page opened from the keyboard starts with the focus on that link.
"""

from __future__ import annotations

import html

import streamlit as st

MOBILE_MAX_PX = 768  # Streamlit lays the sidebar over the page up to this width

_CSS = f"""<style>
@media (max-width: {MOBILE_MAX_PX}px) {{
  [role="tablist"] {{flex-wrap: wrap; row-gap: 0.25rem;}}
  [data-testid="stMain"] h1 {{font-size: 1.75rem;}}
  [data-testid="stMain"] h2 {{font-size: 1.5rem;}}
  [data-testid="stMain"] h3 {{font-size: 1.2rem;}}
}}
#driftboard-skip {{position: fixed; left: 0.5rem; top: -4rem; z-index: 1000100; padding: 0.5rem 1rem;
  background: #1f5fae; color: #fff; font-weight: 600; border-radius: 0.375rem; text-decoration: none;}}
#driftboard-skip:focus {{top: 0.5rem; outline: 0.1875rem solid #0b2f5c; outline-offset: 0.125rem;}}
</style>"""

_SCRIPT = f"""<script>
(() => {{
  if (window.driftboardSmallScreens) return;
  window.driftboardSmallScreens = true;
  const narrow = () => window.matchMedia("(max-width: {MOBILE_MAX_PX}px)").matches;

  // A page chosen in the sidebar on a phone: the sidebar makes way for the page. Watched as a
  // change of page, not as a click on a link: a link tapped before this script came (its code
  // loads after the links' on a slow phone) changed the page all the same.
  const closeSidebar = () => {{
    const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (close && narrow()) close.click();  // the button is only there while the sidebar is open
  }};
  const loaded = performance.getEntriesByType("navigation")[0];
  let shownPath = loaded ? new URL(loaded.name).pathname : location.pathname;
  const followPage = () => {{
    if (location.pathname === shownPath) return;
    shownPath = location.pathname;
    closeSidebar();
  }};

  // The skip link: first in the tab order, to the field the page's marker names.
  let keyboard = false;
  document.addEventListener("keydown", (event) => {{
    if (event.key === "Tab" || event.key === "Enter") keyboard = true;
  }}, true);
  document.addEventListener("pointerdown", () => {{ keyboard = false; }}, true);
  const skip = document.createElement("a");
  skip.id = "driftboard-skip";
  skip.href = "#";
  skip.hidden = true;
  document.body.prepend(skip);
  const marker = () => document.querySelector("[data-driftboard-skip]");
  const field = () => {{
    const m = marker();
    return m && [...document.querySelectorAll(m.dataset.driftboardSkip)].find((e) => e.getClientRects().length);
  }};
  let wanted = 0;  // a skip asked for before the form was drawn waits for it (10 s at most)
  const go = () => {{
    const target = field();
    if (!target || Date.now() > wanted) return;
    wanted = 0;
    target.scrollIntoView({{block: "center"}});
    target.focus();
  }};
  skip.addEventListener("click", (event) => {{
    event.preventDefault();
    wanted = Date.now() + 10000;
    go();
  }});
  let page = null;
  const update = () => {{
    const m = marker();
    skip.hidden = !m;
    if (!m) {{ page = null; return; }}
    // Only a changed label is written: writing the text replaces its node, a mutation this
    // observer would see, and the page would redraw at every frame (13 % of a core, idle).
    if (skip.textContent !== m.dataset.driftboardSkipLabel) skip.textContent = m.dataset.driftboardSkipLabel;
    const here = location.pathname;
    if (page !== here) {{
      page = here;  // a page opened from the keyboard starts on its skip link
      const active = document.activeElement;
      const elsewhere = !active || active === document.body || active.closest('[data-testid="stSidebar"]');
      if (keyboard && elsewhere) skip.focus();
    }}
  }};
  let queued = false;
  new MutationObserver(() => {{
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {{ queued = false; followPage(); update(); if (wanted) go(); }});
  }}).observe(document.body, {{childList: true, subtree: true}});
  followPage();
  update();
}})();
</script>"""


def page_script() -> None:
    """Draw the narrow-screen CSS and the script (once per page run, in the sidebar: no space)."""
    st.html(_CSS)
    st.html(_SCRIPT, unsafe_allow_javascript=True)


def skip_target(label: str, selector: str) -> None:
    """Make the page's skip link, said ``label``, move the focus to the first visible element
    ``selector`` finds (the entry form's first field)."""
    st.html(
        f'<span hidden data-driftboard-skip="{html.escape(selector)}" '
        f'data-driftboard-skip-label="{html.escape(label)}"></span>'
    )
