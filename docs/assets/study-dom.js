/* A passage's own text in the page, and the reader's highlights painted on it as <mark>.
   What the edition inserts into a passage (passage numbers, note markers, [sic], supplied words,
   gap marks: data-insert="") and the page's own controls are not part of the text. */

import { align } from "./study-text.js";

export const PASSAGE = ".dpr-passage[id], .dpr-note[id]";
const SKIP = "[data-insert], .dpr-popover, .dpr-note-label, .dpr-backref, .dpr-ednotice, .dpr-retired, .dpr-study-ui, template";

/** The passage element around a node, or null. */
export function passageOf(node) {
  const el = node && (node.nodeType === 1 ? node : node.parentElement);
  return el ? el.closest(PASSAGE) : null;
}

/** The text of a passage as shown, with the text nodes it is made of: {text, pieces:[{node, start}]}.
    A line break counts as one space (an author's note joins its lines with spaces). */
export function domText(el) {
  const pieces = [];
  let text = "";
  (function walk(node) {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        pieces.push({ node: child, start: text.length });
        text += child.data;
      } else if (child.nodeType === 1 && !child.matches(SKIP)) {
        if (child.tagName === "BR") text += " ";
        else walk(child);
      }
    }
  })(el);
  return { text, pieces };
}

function offsetOf(map, container, offset) {
  for (const p of map.pieces) if (p.node === container) return p.start + offset;
  const point = document.createRange();
  point.setStart(container, offset);
  for (const p of map.pieces) {
    if (point.comparePoint(p.node, 0) >= 0) return p.start;
  }
  return map.text.length;
}

/** A range narrowed to what lies inside ``el`` (a selection may run a little past a passage). */
export function clampRange(range, el) {
  const r = range.cloneRange();
  const inside = document.createRange();
  inside.selectNodeContents(el);
  if (r.compareBoundaryPoints(Range.START_TO_START, inside) < 0) r.setStart(inside.startContainer, inside.startOffset);
  if (r.compareBoundaryPoints(Range.END_TO_END, inside) > 0) r.setEnd(inside.endContainer, inside.endOffset);
  return r;
}

/** Offsets in ``dataText`` (the passage's text as the edition's data file has it) of a range
    within passage element ``el``. */
export function rangeToData(el, range, dataText) {
  const map = domText(el);
  const r = clampRange(range, el);
  const s = offsetOf(map, r.startContainer, r.startOffset);
  const e = offsetOf(map, r.endContainer, r.endOffset);
  if (dataText === undefined || dataText === map.text) return { start: s, end: e, text: map.text };
  const { aToB } = align(map.text, dataText);
  return { start: aToB[s], end: aToB[e], text: dataText };
}

function dataToDom(map, dataText, start, end) {
  if (dataText === map.text) return { start, end };
  const { bToA } = align(map.text, dataText);
  return { start: bToA[start], end: bToA[end] };
}

/** Wrap the words at ``[start, end)`` of ``dataText`` in marks made by ``makeMark()``; the marks made. */
export function paint(el, dataText, start, end, makeMark) {
  const map = domText(el);
  const span = dataToDom(map, dataText, start, end);
  const marks = [];
  for (const p of map.pieces) {
    const length = p.node.data.length;
    const s = Math.max(span.start, p.start) - p.start;
    const e = Math.min(span.end, p.start + length) - p.start;
    if (s >= e) continue;
    let node = p.node;
    if (s > 0) node = node.splitText(s);
    if (e - s < node.data.length) node.splitText(e - s);
    const mark = makeMark();
    node.parentNode.insertBefore(mark, node);
    mark.appendChild(node);
    marks.push(mark);
  }
  return marks;
}

/** Remove every mark and control of the reader's own notes from a passage. */
export function unpaint(el) {
  el.querySelectorAll(".dpr-mine-ref").forEach((n) => n.remove());
  const parents = new Set();
  el.querySelectorAll("mark.dpr-mine").forEach((mark) => {
    const parent = mark.parentNode;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    mark.remove();
    parents.add(parent);
  });
  parents.forEach((p) => p.normalize());
}
