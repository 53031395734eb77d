"""The drag-and-drop kanban: a Streamlit custom component v2 with inline HTML/CSS/JS.

The component only draws the board and reports what the person wants — a card dropped on
another column ("move"), a card clicked ("open") or its "take ownership" button pressed
("take"); Python validates and writes. Card text
arrives as data and is inserted with ``textContent``, never as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

HTML = """
<div class="stages" role="group" hidden></div>
<div class="kanban" role="list"></div>
<div class="side" role="list"></div>
"""

CSS = """
:host { display: block; font-family: var(--st-font, "Source Sans Pro", sans-serif); }
.kanban { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 0.625rem; }
.side { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.625rem; margin-top: 0.625rem; }
/* Sizes in rem (the shared screen scales the root font with its width); the shared screen sets
   the columns' heights from its own height through the custom properties. */
.column { background: #f2f4f7; border: 0.125rem solid transparent; border-radius: 0.625rem; padding: 0.5rem;
          min-height: var(--kanban-column-height, 8.75rem); display: flex; flex-direction: column; gap: 0.5rem; }
.side .column { min-height: var(--kanban-side-height, 4.375rem); }
/* The shared screen cannot scroll: a column is as high as the screen gives it, and the cards
   that do not fit make way for "+ N more" (``fit`` in the script). */
.readonly .column { height: var(--kanban-column-height, 8.75rem); overflow: hidden; }
.readonly.side .column { height: var(--kanban-side-height, 4.375rem); }
.more { color: #4a5563; font-size: var(--kanban-meta-font, 0.85rem); font-weight: 600; }
.column.over { border-color: #c62828; background: #fdecea; }
.column.drop-target { border-color: #1f5fae; border-style: dashed; }
.head { display: flex; justify-content: space-between; align-items: baseline; font-weight: 700;
        font-size: var(--kanban-head-font, 1.05rem); color: #1b1f24;
        flex-wrap: wrap; gap: 0 0.5rem; }
.count { font-weight: 600; font-size: var(--kanban-count-font, 0.95rem); color: #4a5563; }
.over .count { color: #c62828; }
.card { background: #fff; border: 1px solid #d0d5dd; border-radius: 0.5rem; padding: 0.5rem 0.625rem;
        min-width: 0; overflow-wrap: anywhere; cursor: grab; box-shadow: 0 1px 2px rgba(0,0,0,.06);
        font-size: var(--kanban-card-font, 0.95rem); line-height: 1.25; }
.card:focus { outline: 0.1875rem solid #1f5fae; }
.card.dragging { opacity: .45; }
.card .title { font-weight: 600; color: #1b1f24; overflow-wrap: anywhere; }
.card .meta { margin-top: 0.25rem; font-size: var(--kanban-meta-font, 0.82rem); color: #4a5563;
              overflow-wrap: anywhere; }
.card.no-owner .meta { color: #a15c00; }
.card .take { margin-top: 0.375rem; font: inherit; font-size: 0.82rem; padding: 0.125rem 0.5rem; cursor: pointer;
              border: 1px solid #1f5fae; border-radius: 0.375rem; background: #fff; color: #1f5fae; }
.card .take:hover, .card .take:focus { background: #1f5fae; color: #fff; }
/* A phone: one stage at a time, chosen above the cards; a touch screen: "Move to" on each card. */
.stages { display: flex; flex-wrap: wrap; gap: 0.375rem; margin-bottom: 0.625rem; }
.stages[hidden] { display: none; }
.stages button { font: inherit; font-size: 0.95rem; padding: 0.375rem 0.625rem; min-height: 2.75rem;
                 border: 1px solid #d0d5dd; border-radius: 1.375rem; background: #fff; color: #1b1f24; }
.stages button[aria-pressed="true"] { background: #1f5fae; border-color: #1f5fae; color: #fff; font-weight: 600; }
.stages button.over { border-color: #c62828; }
.compact.kanban, .compact.side { grid-template-columns: minmax(0, 1fr); }
.compact .column:not(.chosen) { display: none; }
.side.compact:not(:has(.chosen)) { display: none; }
.card select { margin-top: 0.375rem; width: 100%; min-height: 2.75rem; font: inherit; font-size: 0.95rem;
               border: 1px solid #1f5fae; border-radius: 0.375rem; background: #fff; color: #1f5fae; }
"""

JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const board = parentElement.querySelector(".kanban");
  const side = parentElement.querySelector(".side");
  const stages = parentElement.querySelector(".stages");
  if (!board || !side || !stages || !data) return;
  board.replaceChildren();
  side.replaceChildren();
  stages.replaceChildren();
  board.classList.toggle("readonly", !!data.readonly);
  side.classList.toggle("readonly", !!data.readonly);
  const labels = data.labels || {};
  // A phone shows one stage at a time; any touch screen moves cards with "Move to" (no drag).
  const narrow = !data.readonly && window.matchMedia("(max-width: 640px)").matches;
  const touch = !data.readonly && (narrow || window.matchMedia("(pointer: coarse)").matches);
  const remembered = "driftboard-kanban-stage";
  let chosen = sessionStorage.getItem(remembered);
  const stageNames = (data.columns || []).map((col) => col.stage);
  if (!stageNames.includes(chosen)) {
    const first = (data.columns || []).find((col) => col.count > 0 && !col.side) || (data.columns || [])[0];
    chosen = first ? first.stage : null;
  }
  for (const part of [board, side]) part.classList.toggle("compact", narrow);
  stages.hidden = !narrow;
  stages.setAttribute("aria-label", labels.stages || "");

  // A read-only column that overflows drops its last cards until "+ N more" fits under the rest.
  const fit = (column) => {
    const cards = [...column.querySelectorAll(".card")];
    const more = document.createElement("div");
    more.className = "more";
    let hidden = 0;
    while (column.scrollHeight > column.clientHeight + 1 && cards.length) {
      cards.pop().remove();
      hidden += 1;
      more.textContent = (data.labels && data.labels.more || "+ {count}").replace("{count}", String(hidden));
      if (!more.isConnected) column.append(more);
    }
  };

  const cardsByStage = {};
  for (const card of data.cards || []) {
    (cardsByStage[card.stage] = cardsByStage[card.stage] || []).push(card);
  }
  const byId = {};
  for (const card of data.cards || []) byId[String(card.id)] = card;

  for (const col of data.columns || []) {
    const column = document.createElement("div");
    column.className = "column" + (col.over ? " over" : "") + (col.stage === chosen ? " chosen" : "");
    column.dataset.stage = col.stage;
    column.setAttribute("role", "listitem");
    column.setAttribute("aria-label", col.label);

    const head = document.createElement("div");
    head.className = "head";
    const name = document.createElement("span");
    name.textContent = col.label;
    const count = document.createElement("span");
    count.className = "count";
    count.textContent = col.limit ? `${col.count} / ${col.limit}` : String(col.count);
    head.append(name, count);
    column.append(head);
    if (narrow) {
      const pick = document.createElement("button");
      pick.type = "button";
      pick.dataset.stage = col.stage;
      pick.className = col.over ? "over" : "";
      pick.setAttribute("aria-pressed", String(col.stage === chosen));
      pick.textContent = `${col.label} · ${count.textContent}`;
      pick.addEventListener("click", () => {
        sessionStorage.setItem(remembered, col.stage);
        for (const other of stages.querySelectorAll("button")) {
          other.setAttribute("aria-pressed", String(other === pick));
        }
        for (const other of parentElement.querySelectorAll(".column")) {
          other.classList.toggle("chosen", other.dataset.stage === col.stage);
        }
      });
      stages.append(pick);
    }

    for (const card of cardsByStage[col.stage] || []) {
      const el = document.createElement("div");
      el.className = "card" + (card.owner ? "" : " no-owner");
      el.draggable = !data.readonly;
      el.tabIndex = data.readonly ? -1 : 0;
      el.dataset.cardId = String(card.id);
      el.setAttribute("aria-label", card.title);
      const title = document.createElement("div");
      title.className = "title";
      title.textContent = card.title;
      const meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = card.meta;
      el.append(title, meta);
      if (data.readonly) { column.append(el); continue; }
      if (card.can_take && data.labels && data.labels.take) {
        const take = document.createElement("button");
        take.type = "button";
        take.className = "take";
        take.textContent = data.labels.take;
        take.addEventListener("click", (event) => {
          event.stopPropagation();
          setTriggerValue("take", { card_id: card.id, version: card.version, nonce: Date.now() });
        });
        take.addEventListener("keydown", (event) => event.stopPropagation());
        el.append(take);
      }
      if (touch) {
        const moveTo = document.createElement("select");
        moveTo.setAttribute("aria-label", `${labels.move_to || ""}: ${card.title}`);
        const none = document.createElement("option");
        none.value = "";
        none.textContent = `${labels.move_to || ""} …`;
        moveTo.append(none);
        for (const other of data.columns || []) {
          if (other.stage === card.stage) continue;
          const option = document.createElement("option");
          option.value = other.stage;
          option.textContent = other.label;
          moveTo.append(option);
        }
        for (const type of ["click", "keydown", "pointerdown"]) {
          moveTo.addEventListener(type, (event) => event.stopPropagation());
        }
        moveTo.addEventListener("change", () => {
          if (!moveTo.value) return;
          setTriggerValue("move", { card_id: card.id, to: moveTo.value, version: card.version, nonce: Date.now() });
        });
        el.draggable = false;
        el.append(moveTo);
      }
      el.addEventListener("dragstart", (event) => {
        event.dataTransfer.setData("text/plain", String(card.id));
        event.dataTransfer.effectAllowed = "move";
        el.classList.add("dragging");
      });
      el.addEventListener("dragend", () => el.classList.remove("dragging"));
      el.addEventListener("click", () => setTriggerValue("open", { card_id: card.id, nonce: Date.now() }));
      el.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          setTriggerValue("open", { card_id: card.id, nonce: Date.now() });
        }
      });
      column.append(el);
    }

    if (data.readonly) { (col.side ? side : board).append(column); fit(column); continue; }
    column.addEventListener("dragover", (event) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", () => column.classList.remove("drop-target"));
    column.addEventListener("drop", (event) => {
      event.preventDefault();
      column.classList.remove("drop-target");
      const id = event.dataTransfer.getData("text/plain");
      const card = byId[id];
      if (!card || card.stage === col.stage) return;
      setTriggerValue("move", { card_id: card.id, to: col.stage, version: card.version, nonce: Date.now() });
    });
    (col.side ? side : board).append(column);
  }
}
"""

_KANBAN = st.components.v2.component("driftboard_kanban", html=HTML, css=CSS, js=JS)


@dataclass(frozen=True)
class KanbanEvents:
    move: dict[str, Any] | None
    open: dict[str, Any] | None
    take: dict[str, Any] | None


def kanban(
    columns: list[dict[str, Any]],
    cards: list[dict[str, Any]],
    *,
    key: str,
    readonly: bool = False,
    take_label: str | None = None,
    more_label: str | None = None,
    move_to_label: str | None = None,
    stages_label: str | None = None,
) -> KanbanEvents:
    """Draw the board; return the move, open or take the person asked for in this run (or None).
    Cards with ``can_take`` get a ``take_label`` button. ``readonly`` (the shared screen) draws
    the board without drag, click or buttons, each column as high as the screen gives it: the
    cards that do not fit are counted in ``more_label`` ("+ {count} more"). On a phone (640 px
    or narrower) the board shows one stage at a time, chosen with buttons (``stages_label``
    names them for a screen reader); on any touch screen each card has a ``move_to_label``
    list of the other stages instead of drag."""
    result = _KANBAN(
        data={
            "columns": columns,
            "cards": cards,
            "readonly": readonly,
            "labels": {"take": take_label, "more": more_label, "move_to": move_to_label, "stages": stages_label},
        },
        key=key,
        on_move_change=lambda: None,
        on_open_change=lambda: None,
        on_take_change=lambda: None,
        width="stretch",
    )
    return KanbanEvents(getattr(result, "move", None), getattr(result, "open", None), getattr(result, "take", None))
