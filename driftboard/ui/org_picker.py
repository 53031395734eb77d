"""Picking an org unit of any level (organisation, unit, department, team): the tree's names
indented by depth, and the unit a board shows, named in the URL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import streamlit as st

from driftboard.domain import OrgLevel
from driftboard.services.org import OrgNode
from driftboard.ui.page import PageContext

K = TypeVar("K", int, str)  # an org unit's id or slug


def indented(node: OrgNode) -> str:
    """The org unit's name indented by its depth, so a flat list reads as the tree."""
    return "\u2003" * node.depth + node.name


def org_picker(ctx: PageContext, nodes: Mapping[K, OrgNode], *, label: str, key: str, default: K | None = None) -> K:
    """A select box of the org units in ``nodes`` (by id or by slug, in tree order), ``default``
    chosen first (else the first); returns the chosen id or slug."""
    choices = list(nodes)
    return st.selectbox(
        ctx.t(label),
        choices,
        index=choices.index(default) if default is not None else 0,
        format_func=lambda k: indented(nodes[k]),
        key=key,
    )


def board_unit(ctx: PageContext, tree: list[OrgNode], *, key: str) -> OrgNode:
    """The org unit a board shows: ``?unit=`` names any level of the tree (an unknown one stops
    the page, naming the choices); without it, the first unit. Outside kiosk mode a picker in the
    sidebar changes it and the URL follows, so the address always names the board shown."""
    by_slug = {node.slug: node for node in tree}
    wanted = st.query_params.get("unit")
    if wanted and wanted not in by_slug:
        st.error(ctx.md("error.unknown_unit", slug=wanted, choices=", ".join(by_slug)))
        st.stop()
    default = wanted or next((n.slug for n in tree if n.level is OrgLevel.UNIT), tree[0].slug)
    if ctx.kiosk:
        return by_slug[default]
    with st.sidebar:
        node = by_slug[org_picker(ctx, by_slug, label="goals.level", key=key, default=default)]
    if st.query_params.get("unit") != node.slug:
        st.query_params["unit"] = node.slug
    return node
