"""WCAG 2.2 AA where the product draws: axe-core over every page, in both languages, and the boards
as a shared screen shows them (kiosk), finds no serious or critical violation and no skipped
heading level; no accessible name carries a markdown escape; a chart's toolbar is visible while
it has the keyboard's focus.

What Streamlit itself draws and the app cannot change is excluded rule by rule and element by
element below, each listed in the README's "Accessibility" section with the reason."""

from __future__ import annotations

from collections import Counter

import pytest

from driftboard.ui.page import PAGES as PAGE_DEFS
from tests.browser.conftest import settle

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")

TEAM = "home-coop"  # its task names hold hyphens ("co-operative"), which markdown could escape
# Every page (app.py and pages/*.py: tests/test_pages.py checks PAGES lists them all), in both languages;
# the boards a shared screen shows also in kiosk mode.
PAGES = {p.key: p for p in PAGE_DEFS}
VARIANTS = [(key, lang, kiosk) for key, p in PAGES.items() for kiosk in (False, p.screen) for lang in ("en", "da")]
VARIANTS = sorted(set(VARIANTS), key=VARIANTS.index)
# WCAG 2.0, 2.1 and 2.2, levels A and AA; and heading order (axe files it under best practice).
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
BLOCKING = {"serious", "critical"}

# Rule → CSS selector of the elements it does not apply to: markup Streamlit draws that the app
# cannot change. Each is listed, with why, in README.md → "Accessibility".
STREAMLITS_OWN = {
    # The day, month and year (and hour, minute) of st.date_input and st.time_input.
    "target-size": '[data-testid="stDateInputField"] [role="spinbutton"], '
    '[data-testid="stTimeInputTimeDisplay"] [role="spinbutton"]',
}

# Accessible names of the page's controls that hold a backslash before punctuation.
_ESCAPED_NAMES = r"""
() => [...document.querySelectorAll('input, textarea, button, [role], [aria-label]')]
  .map((e) => e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].innerText : ''))
  .filter((name) => /\\[!-\/:-@\[-`{-~]/.test(name))
"""

# The element toolbars (a chart's, a table's) whose first button stays invisible while it has the
# focus, once the toolbar has faded in (its transitions are switched off here, so the opacity under
# the focus is there in the next frame); by the button's name.
_HIDDEN_FOCUS = """
async () => {
  const hidden = [];
  const instant = document.createElement('style');
  instant.textContent = '[data-testid="stElementToolbar"], [data-testid="stElementToolbar"] * '
    + '{transition: none !important; animation: none !important;}';
  document.head.append(instant);
  for (const toolbar of document.querySelectorAll('[data-testid="stElementToolbar"]')) {
    const button = [...toolbar.querySelectorAll('button')].find((b) => b.tabIndex >= 0 && b.getClientRects().length);
    if (!button) continue;
    button.focus();
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    let opacity = 1;
    for (let e = button; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    if (opacity < 0.9) hidden.push(button.getAttribute('aria-label'));
  }
  if (document.activeElement) document.activeElement.blur();
  instant.remove();
  return hidden;
}
"""

_AXE = axe_playwright.Axe()


def _url(base: str, name: str, lang: str, kiosk: bool) -> str:
    path = "/" if PAGES[name].script == "app.py" else f"/{name}"
    return f"{base}{path}?{PAGES[name].scope_param}={TEAM}&lang={lang}" + ("&kiosk=1" if kiosk else "")


# Notes whether the page's script runs while axe reads the page: a run dims the elements it is
# about to redraw (Streamlit's stale opacity), which axe would report as their contrast.
_WATCH_RUNS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__ranDuringCheck = false;
  if (window.__runWatch) window.__runWatch.disconnect();
  window.__runWatch = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') !== 'notRunning') window.__ranDuringCheck = true;
  });
  window.__runWatch.observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
}
"""


def problems(page, *, streamlits_own: bool = False) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(rule, impact, element) of every serious or critical WCAG A/AA violation on the page, every
    skipped heading level, every accessible name with a markdown escape and every chart toolbar
    button invisible under the focus; with ``streamlits_own``, only the violations excluded as
    Streamlit's own. A reading during which the page ran again is taken again once it settled,
    and so is one that found a contrast fault: on a loaded machine axe has read the page's
    captions before the page's own CSS (a darker grey) applied to them; a real fault stays."""
    for _ in range(3):
        page.evaluate(_WATCH_RUNS)
        found = _problems(page, streamlits_own=streamlits_own)
        ran = page.evaluate("window.__ranDuringCheck")
        if not ran and not any(rule == "color-contrast" for rule, _impact, _what in found):
            break
        page.wait_for_timeout(1000)
        settle(page)
    return found


def _problems(page, *, streamlits_own: bool) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    found = []
    for options in (RULES, {"runOnly": ["heading-order"]}):
        results = _AXE.run(page, options={**options, "resultTypes": ["violations"]})
        for rule in results.response["violations"]:
            for node in rule["nodes"]:
                impact = node.get("impact") or rule.get("impact")
                if rule["id"] != "heading-order" and impact not in BLOCKING:
                    continue
                own = STREAMLITS_OWN.get(rule["id"])
                target = node["target"][-1]
                is_own = bool(own) and page.evaluate(
                    "([t, own]) => { const e = document.querySelector(t); return !!e && e.matches(own); }",
                    [target, own],
                )
                if is_own == streamlits_own:
                    found.append((rule["id"], impact, node["html"][:160]))
    if not streamlits_own:
        found += [("escaped-name", "-", name) for name in page.evaluate(_ESCAPED_NAMES)]
        found += [("focus-invisible", "-", name) for name in page.evaluate(_HIDDEN_FOCUS)]
    return found


def open_page(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.locator('[data-testid="stMainBlockContainer"]').wait_for(timeout=60_000)
    settle(page)


@pytest.mark.parametrize(
    ("name", "lang", "kiosk"), VARIANTS, ids=[f"{n}-{lang}{'-kiosk' if k else ''}" for n, lang, k in VARIANTS]
)
def test_the_page_meets_wcag_aa_where_the_app_draws(module_server, page, name, lang, kiosk):
    open_page(page, _url(module_server.url, name, lang, kiosk))
    found = problems(page)
    summary = Counter((rule, impact) for rule, impact, _ in found)
    assert not found, f"{dict(summary)}\n" + "\n".join(f"{r} ({i}): {what}" for r, i, what in found)


# The phone's own layout (My tasks today, one stage of the improvement board, "Move to" on each card).
PHONE_VARIANTS = [(name, lang) for name in ("operations", "improvement") for lang in ("en", "da")]


@pytest.mark.parametrize(("name", "lang"), PHONE_VARIANTS, ids=[f"{n}-{lang}-phone" for n, lang in PHONE_VARIANTS])
def test_the_phone_layout_meets_wcag_aa_where_the_app_draws(module_server, new_page, name, lang):
    page = new_page(390, 844, touch=True)
    open_page(page, _url(module_server.url, name, lang, False) + "&me=Kasper%20M%C3%B8ller")
    phone_part = ".st-key-my_tasks" if name == "operations" else ".stages button"
    assert page.locator(phone_part).first.is_visible()
    found = problems(page)
    summary = Counter((rule, impact) for rule, impact, _ in found)
    assert not found, f"{dict(summary)}\n" + "\n".join(f"{r} ({i}): {what}" for r, i, what in found)
