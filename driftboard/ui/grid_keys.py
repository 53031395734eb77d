"""Grids that never drop a keystroke: one guard, on every page with an editable grid.

Streamlit's grid (Glide Data Grid, drawn on a canvas) starts an edit on the first key typed on a
cell and only then draws its editor, whose code the page fetches the first time it opens one.
Typing "1.4" quickly, "." and "4" reached the grid before the editor was there, and each began
the edit again with itself as the whole value: the cell kept "4" (or "0" for "."). An Enter typed
right after the last digit could end the edit with the value before that digit, or with none
(every key arms a zero-delay timer in Glide's editor that ends the edit once Enter or Tab has
been pressed — without a value unless Enter or Tab armed it).

The guard holds such keys back and hands them on in the order they were typed, as soon as the
editor can take them: text into the editor's field as typed input (so a Danish "1,4" arrives as
typed), Enter, Tab and Escape once the editor has taken the text before them. The script runs
once per page (the grids are in the page's own document, not in frames) and leaves every other
key alone.
"""

from __future__ import annotations

import streamlit as st

JS = """
export default function () {
  if (window.__driftboardGridKeys) return;
  window.__driftboardGridKeys = true;

  const GRID = '[data-testid="stDataFrame"]';
  const EDITOR = ".gdg-clip-region"; // Glide's overlay editor, drawn in the page's portal
  // The longest an editor still being opened is waited for. The first editor of a kind on a page
  // fetches its code (two chunks, behind a Suspense that draws nothing meanwhile), which can take
  // seconds on a busy machine; keys handed on before the editor shows are lost. Glide only cancels
  // a typed key when it opens an editor with it, so the wait ends with the editor.
  const OPEN_WAIT_MS = 20000;
  const queue = []; // keys held back, in the order they were typed
  let opener = null; // the key typed on a grid that may be opening an editor, until the editor shows
  let typedInto = null; // the editor field keys were last handed to
  let pumping = false;

  const inEditor = (el) => el instanceof Element && el.closest(EDITOR) !== null;
  const inGrid = (el) => el instanceof Element && !inEditor(el) && el.closest(GRID) !== null;
  const isText = (k) => [...k.key].length === 1 && !k.metaKey && !(k.ctrlKey && !k.altKey); // AltGr: ctrl+alt
  const textField = (el) =>
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && ["text", "search", "tel", "url", "email", "number"].includes(el.type));
  const ends = (k) => (k.key === "Enter" && !k.shiftKey) || k.key === "Tab" || k.key === "Escape";
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const frame = () => Promise.race([new Promise((resolve) => requestAnimationFrame(resolve)), sleep(50)]);
  const settle = async () => {
    await sleep(0);
    await frame();
    await sleep(0);
  };
  async function until(done, ms) {
    const end = performance.now() + ms;
    while (!done() && performance.now() < end) await sleep(10);
  }

  /** The field of an open editor that has the focus, or null. */
  function editorField() {
    const el = document.activeElement;
    return el && inEditor(el) && (el.tagName === "INPUT" || el.tagName === "TEXTAREA") ? el : null;
  }

  /** Whether the grid took a typed key to open an editor that has not shown yet. Glide cancels
   * the key it opens an editor with, which is known once the key has been handled. */
  function opening() {
    if (opener === null) return false;
    if (editorField() !== null || !opener.event.defaultPrevented || performance.now() - opener.at > OPEN_WAIT_MS) {
      opener = null;
    }
    return opener !== null;
  }

  /** Whether the grid's selected cell is a checkbox, which a typed key toggles without an editor
   * (the grid's accessible cells, hidden under the canvas, say "true" or "false" for them). */
  function onCheckbox(target) {
    const cell = target.tagName === "TD" ? target : target.closest(GRID)?.querySelector('td[aria-selected="true"]');
    return cell != null && /^(true|false)$/.test(cell.textContent);
  }

  function press(target, k) {
    const { key, code, shiftKey, altKey, ctrlKey, metaKey } = k;
    const event = new KeyboardEvent("keydown", {
      key, code, shiftKey, altKey, ctrlKey, metaKey, bubbles: true, cancelable: true, composed: true,
    });
    target.dispatchEvent(event);
    return event;
  }

  /** The caret of an editor opened by a typed key, after the text it opened with: held keys follow
   * that key. The number editor moves it there only in a zero-delay timer after its focus: held
   * keys must not depend on that timer having run. A selection (an editor opened with Enter
   * selects its text) is left as it is: typing replaces it. */
  function toEnd(field) {
    try {
      const end = field.value.length;
      const { selectionStart, selectionEnd } = field;
      if (selectionStart === selectionEnd && selectionStart !== end) field.setSelectionRange(end, end);
    } catch {
      // an input type without a caret (a number input) takes the text where it is
    }
  }

  function type(field, text) {
    field.focus();
    if (document.execCommand("insertText", false, text)) return;
    const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value").set;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? field.value.length;
    setValue.call(field, field.value.slice(0, start) + text + field.value.slice(end));
    field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
  }

  /** Hands one held key on: to the editor once it has shown, otherwise to the grid. */
  async function deliver(k) {
    await until(() => !opening(), OPEN_WAIT_MS);
    let field = editorField();
    let fresh = false;
    if (field !== null && field !== typedInto) {
      await settle(); // a new editor puts its caret at the end of its text after it is drawn
      typedInto = field;
      field = editorField();
      fresh = field !== null;
    }
    if (field === null) {
      // For the grid: the first key of the next cell, an arrow, ... An editor that has just ended
      // is let go first: until the grid has drawn it gone, the grid still selects its cell.
      await until(() => document.querySelector(EDITOR) === null, 1000);
      await frame();
      let target = null;
      await until(() => (target = [document.activeElement, k.target].find(inGrid) ?? null) !== null, 500);
      if (target === null) return;
      const event = press(target, k);
      if (isText(k) && !onCheckbox(target)) opener = { event, at: performance.now() };
      return;
    }
    if (isText(k)) {
      if (textField(field)) {
        if (fresh) toEnd(field);
        type(field, k.key);
      }
      return;
    }
    if (k.key === "Backspace" || k.key === "Delete") {
      field.focus();
      document.execCommand(k.key === "Backspace" ? "delete" : "forwardDelete");
      return;
    }
    // The editor ends an edit with the value it has drawn: let it draw what was typed before.
    await settle();
    if (editorField() !== field) return;
    press(field, k);
    if (ends(k)) await until(() => document.querySelector(EDITOR) === null, 1000);
  }

  async function pump() {
    if (pumping) return;
    pumping = true;
    document.documentElement.toggleAttribute("data-grid-keys-held", true); // for tests: keys not yet handed on
    try {
      while (queue.length) await deliver(queue.shift());
    } finally {
      pumping = false;
      document.documentElement.toggleAttribute("data-grid-keys-held", false);
    }
  }

  // The editor has shown, or the person clicked: no key is waiting for an editor any more.
  window.addEventListener("focusin", (e) => inEditor(e.target) && (opener = null), true);
  window.addEventListener("pointerdown", () => (opener = null), true);
  window.addEventListener(
    "keydown",
    (e) => {
      if (!e.isTrusted || e.isComposing || ["Process", "Dead", "Unidentified"].includes(e.key)) return;
      const grid = inGrid(e.target);
      const editor = inEditor(e.target);
      if (!grid && !editor) return;
      const hold =
        queue.length > 0 ||
        pumping ||
        (grid && opening()) ||
        (editor && ends(e) && textField(e.target) && e.target.getAttribute("role") !== "combobox");
      if (!hold) {
        if (grid && isText(e) && !onCheckbox(e.target)) opener = { event: e, at: performance.now() };
        return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      const { key, code, shiftKey, altKey, ctrlKey, metaKey, target } = e;
      queue.push({ key, code, shiftKey, altKey, ctrlKey, metaKey, target });
      pump();
    },
    true,
  );
}
"""

CSS = """
/* The guard draws nothing: its place on the page takes no room. */
[class*="st-key-grid_keys_"] { display: none; }
"""

_GUARD = st.components.v2.component("driftboard_grid_keys", html="<span></span>", css=CSS, js=JS, isolate_styles=False)


def keystroke_guard(key: str) -> None:
    """Put the guard on the page (drawn with each grid, so every page with a grid has it; the
    script itself runs once per page). It takes no room on the page."""
    _GUARD(key=f"grid_keys_{key}")
