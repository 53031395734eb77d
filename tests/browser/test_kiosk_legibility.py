"""Legible at three metres: on each kiosk board the headline numbers and status words are at
least 3 % of the screen's height, table text 2.2 %, chart axis labels 1.8 %; text reaches WCAG
AA contrast (4.5:1) against what is behind it, and a status fill stands out from the page
(3:1, WCAG's contrast for a non-text mark) instead of a pale tint — at 1920×1080 and 3840×2160."""

from __future__ import annotations

import pytest

from tests.browser.conftest import settle

pytestmark = pytest.mark.slow

SIZES = [(1920, 1080), (3840, 2160)]
HEADLINE, TABLE, AXIS = 0.03, 0.022, 0.018  # shares of the screen's height
TEXT_CONTRAST, FILL_CONTRAST = 4.5, 3.0

# Per board: its kiosk address, what shows it has drawn, and where its parts are. The
# improvement board's "table" is the kanban: its stage names and card titles are its text, the
# cards counted per stage its headline numbers.
BOARDS = {
    "operations": {
        "path": "/operations?team=home-coop",
        "ready": '[data-testid="stVegaLiteChart"] svg',
        "headline": ["h3 .stMarkdownColoredBackground"],
        "table": [':is([data-testid="stTable"], .db-table) th', ':is([data-testid="stTable"], .db-table) td'],
    },
    "goals": {
        "path": "/goals?unit=home-coop",
        "ready": '[data-testid="stVegaLiteChart"] svg',
        "headline": [
            ".db-tile-value",
            ".db-tile-verdict .db-badge",
            '[data-testid="stMainBlockContainer"] .stMarkdownColoredBackground:not(:is([data-testid="stTable"], .db-table) *)',
        ],
        "table": [':is([data-testid="stTable"], .db-table) th', ':is([data-testid="stTable"], .db-table) td'],
    },
    "improvement": {
        "path": "/improvement?team=home-coop",
        "ready": ".kanban .card",
        "headline": [".kanban .head .count"],
        "table": [".kanban .head > span:first-child", ".kanban .card .title"],
    },
}

# Every element a selector finds, in the document and in the open shadow roots of the custom
# components, with its font size in CSS pixels on the screen (an SVG's text scaled with its
# viewBox), its text colour and the colour behind it: the first ancestor with a background,
# translucent backgrounds composed over what is under them, the page's white at the end.
_MEASURE = """
(groups) => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const find = (sel) => roots.flatMap((r) => [...r.querySelectorAll(sel)]);
  const parse = (c) => {
    const m = (c || '').match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const v = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const up = (el) => el.parentElement || (el.getRootNode() && el.getRootNode().host) || null;
  const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = up(e)) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const svgScale = (el) => {
    const svg = el.ownerSVGElement;
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) return 1;
    return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  };
  const out = {};
  for (const [group, selectors] of Object.entries(groups)) {
    out[group] = [];
    for (const el of selectors.flatMap(find)) {
      const box = el.getBoundingClientRect();
      const text = (el.textContent || '').trim();
      if (!box.width || !box.height || !text) continue;
      const style = getComputedStyle(el);
      const svg = el instanceof SVGElement;
      let fg = parse(svg ? style.fill : style.color);
      const alpha = svg ? Number(style.fillOpacity || 1) * Number(style.opacity || 1) : 1;
      if (!alpha || style.visibility === 'hidden') continue;  // a label Vega hid (overlap)
      const bg = behind(el);
      fg = over([fg[0], fg[1], fg[2], fg[3] * alpha], bg);
      out[group].push({text: text.slice(0, 40), size: parseFloat(style.fontSize) * (svg ? svgScale(el) : 1),
                       fg, bg, badge: el.matches('.stMarkdownColoredBackground, .db-badge')});
    }
  }
  // Status fills: a coloured label against the page around it.
  out.fills = find('.stMarkdownColoredBackground, .db-badge').map((el) => ({
    text: el.textContent.trim().slice(0, 40), fill: behind(el), page: behind(up(el)),
    fg: parse(getComputedStyle(el).color),
  }));
  return out;
}
"""

AXIS_LABELS = ['[data-testid="stVegaLiteChart"] .role-axis-label text']


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: list[float], two: list[float]) -> float:
    """WCAG 2 contrast ratio of two opaque colours."""
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def measure(page, board: str) -> dict:  # type: ignore[no-untyped-def]
    """What ``_MEASURE`` finds of the board's parts, with each text's contrast."""
    parts = BOARDS[board]
    groups = {"headline": parts["headline"], "table": parts["table"]}
    if board != "improvement":
        groups["axis"] = AXIS_LABELS
    found = page.evaluate(_MEASURE, groups)
    for group in groups:
        for item in found[group]:
            item["contrast"] = contrast(item["fg"], item["bg"])
    for fill in found["fills"]:
        fill["against_page"] = contrast(fill["fill"], fill["page"])
        fill["contrast"] = contrast(fill["fg"], fill["fill"])
    return found


def _smallest(items: list[dict], key: str) -> dict:
    return min(items, key=lambda item: item[key])


@pytest.mark.parametrize("board", list(BOARDS))
def test_a_kiosk_board_reads_from_three_metres(module_server, new_page, board):
    problems = []
    for width, height in SIZES:
        page = new_page(width, height)
        page.goto(f"{module_server.url}{BOARDS[board]['path']}&kiosk=1&lang=en")
        page.locator(BOARDS[board]["ready"]).first.wait_for(timeout=60_000)
        settle(page)  # drawn at the measured size: the charts' fonts follow it
        found = measure(page, board)
        page.close()
        where = f"{board} {width}×{height}"
        for group, share in (("headline", HEADLINE), ("table", TABLE), ("axis", AXIS)):
            if group not in found:
                continue
            items = found[group]
            if not items:
                problems.append(f"{where}: no {group} text found")
                continue
            small = _smallest(items, "size")
            if small["size"] < share * height:
                problems.append(
                    f"{where}: {group} text {small['size']:.1f} px = {small['size'] / height:.2%} of the height "
                    f"(< {share:.1%}): {small['text']!r}"
                )
            dim = _smallest(items, "contrast")
            if dim["contrast"] < TEXT_CONTRAST:
                problems.append(f"{where}: {group} text at {dim['contrast']:.2f}:1: {dim['text']!r}")
        if found["fills"]:
            pale = _smallest(found["fills"], "against_page")
            if pale["against_page"] < FILL_CONTRAST:
                problems.append(f"{where}: a status fill at {pale['against_page']:.2f}:1 on the page: {pale['text']!r}")
            dim = _smallest(found["fills"], "contrast")
            if dim["contrast"] < TEXT_CONTRAST:
                problems.append(f"{where}: text on a status fill at {dim['contrast']:.2f}:1: {dim['text']!r}")
    assert not problems, "\n".join(problems)
