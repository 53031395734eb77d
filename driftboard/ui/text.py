"""Showing user text safely: Streamlit's markdown never renders raw HTML here, and
``md_escape`` keeps names and titles from turning into links, emphasis or headings."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Escape every markdown control character so ``text`` shows exactly as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
