/* Small building blocks of the study tools: elements (text always as textContent), buttons,
   modal dialogs that give focus back, an aria-live announcer, copy and download. */

/** An element: ``el("p", {class: "x"}, "text", child)``; attributes false/null are left out. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function button(label, onClick, attrs = {}) {
  const b = el("button", { type: "button", class: "dpr-study-button", ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

let live = null;

/** Say something to screen readers (and show it briefly to everyone). */
export function announce(message) {
  if (!live) {
    live = el("div", { class: "dpr-study-live dpr-study-ui", role: "status", "aria-live": "polite" });
    document.body.appendChild(live);
  }
  live.textContent = "";
  // a change after a tick is announced even when the same words are said twice
  setTimeout(() => { live.textContent = message; }, 30);
  clearTimeout(live.hideTimer);
  live.classList.add("dpr-study-live--shown");
  live.hideTimer = setTimeout(() => live.classList.remove("dpr-study-live--shown"), 6000);
}

let counter = 0;

/** A modal dialog titled ``title``; ``content`` is appended to it. Focus goes to the first field
    (or ``focus``) and back to ``opener`` when it closes. The dialog element. */
export function dialog(title, content, { opener = document.activeElement, focus = null, onClose = null, className = "" } = {}) {
  const id = `dpr-study-dialog-${++counter}`;
  const close = button("Close", () => box.close(), { class: "dpr-study-button dpr-study-close" });
  const box = el(
    "dialog",
    { class: `dpr-study-dialog dpr-study-ui md-typeset ${className}`.trim(), "aria-labelledby": id },
    el("div", { class: "dpr-study-dialog-head" }, el("h2", { id, class: "dpr-study-dialog-title" }, title), close),
    content,
  );
  document.body.appendChild(box);
  box.addEventListener("close", () => {
    box.remove();
    if (onClose) onClose();
    if (opener && opener.isConnected && opener.focus) opener.focus();
  });
  box.showModal();
  const first = focus || box.querySelector("textarea, input:not([type=hidden]), select") || close;
  first.focus();
  return box;
}

/** Close the passage menu of dpr.js (it closes on Escape) before a dialog takes the focus. */
export function closePassageMenu() {
  if (document.querySelector(".dpr-menu")) document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
}

export function copyText(text) {
  const fallback = () => {
    const area = el("textarea", { readonly: true, class: "dpr-study-offscreen", "aria-hidden": "true" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } finally { area.remove(); }
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  };
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text).catch(fallback);
  return fallback();
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: filename, class: "dpr-study-offscreen" });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Read a file the reader picked: a promise of its text. */
export function readFile(file) {
  return file.text ? file.text() : new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(reader.result);
    reader.onerror = () => fail(reader.error);
    reader.readAsText(file);
  });
}

export function quoteText(text, max = 80) {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? flat.slice(0, max - 1) + "…" : flat}”`;
}

/** A labelled field: {wrap, input}. ``kind`` is "input", "textarea" or "select". */
export function field(label, kind, attrs = {}, hint = "") {
  const id = `dpr-study-field-${++counter}`;
  const input = el(kind, { id, class: `dpr-study-${kind}`, ...attrs });
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute("aria-describedby", hintId);
  const wrap = el("div", { class: "dpr-study-field" }, el("label", { for: id }, label), hint ? el("p", { id: hintId, class: "dpr-study-hint" }, hint) : null, input);
  return { wrap, input };
}
