"""Showing user text safely: Streamlit's markdown never renders raw HTML here, and
``md_escape`` keeps names and titles from turning into links, emphasis or headings."""

from __future__ import annotations

import re

# Only what would form markdown is escaped: a widget's label is markdown, and Streamlit gives the
# label as written to the widget's accessible name, where a screen reader reads every backslash
# ("co\-operative"). Anywhere in a line: emphasis, code, links and images, HTML, strikethrough,
# maths, tables, Streamlit's ``:icon:`` shortcodes, and what GFM turns into a link by itself
# (``https://``, the dots of a host name: ``www.x.dk``, ``a@x.dk``; not a decimal point). At a
# line's start: headings, quotes, lists, ordered lists ("1.") and rules.
_INLINE = re.compile(r"[\\`*_\[\]<>~$|]|(?<=\])\(|:(?=//|[\w+\-/]+:)|(?<=[^\W_])\.(?=[^\W\d_])")
_LINE_START = re.compile(
    r"^([ \t]*)(?:(#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|[-=](?=[-= \t]*$))|(\d{1,9})([.)])(?=[ \t]|$))", re.MULTILINE
)


def md_escape(text: object) -> str:
    """Escape the characters of ``text`` that markdown would act on, so it shows exactly as typed;
    every other character stays as it is."""
    escaped = _INLINE.sub(lambda m: "\\" + m.group(0), str(text))
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}", escaped)
