'use strict';
// Minimal text surgery on an applicationHost.config, as IIS's configuration writer does it: elements are
// inserted as whole lines indented like their siblings and removed with their lines, attributes are changed
// in place, so adding and then removing the same objects gives back the original bytes.

function escapeAttr(v) {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeAttr(v) {
  return v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w.:-]+)="([^"]*)"/g)) out[m[1]] = unescapeAttr(m[2]);
  return out;
}

/** Elements named `name` whose start tag is inside [from, to): {start, tagEnd, end, attrs}. */
function elements(text, name, from = 0, to = text.length) {
  const found = [];
  const re = new RegExp(`<${name.replace('.', '\\.')}(?=[\\s/>])[^>]*>`, 'g');
  re.lastIndex = from;
  let m;
  while ((m = re.exec(text)) && m.index < to) {
    const tag = m[0];
    const tagEnd = m.index + tag.length;
    const end = tag.endsWith('/>') ? tagEnd : closeOf(text, name, tagEnd);
    found.push({ start: m.index, tagEnd, end, attrs: attrs(tag) });
    re.lastIndex = end;
  }
  return found;
}

function closeOf(text, name, from) {
  let depth = 1;
  const re = new RegExp(`<(/?)${name.replace('.', '\\.')}(?=[\\s/>])[^>]*?(/?)>`, 'g');
  re.lastIndex = from;
  let m;
  while ((m = re.exec(text))) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
    if (depth === 0) return m.index + m[0].length;
  }
  throw new Error(`unclosed <${name}>`);
}

/** The first element at a path of names (each inside the previous). */
function find(text, path) {
  let range = { start: 0, tagEnd: 0, end: text.length };
  for (const name of path) {
    const el = elements(text, name, range.tagEnd, range.end)[0];
    if (!el) return undefined;
    range = el;
  }
  return range;
}

const eol = (text) => (text.includes('\r\n') ? '\r\n' : '\n');
const lineStart = (text, at) => text.lastIndexOf('\n', at - 1) + 1;
const indentAt = (text, at) => /^[ \t]*/.exec(text.slice(lineStart(text, at)))[0];

/** Inserts `lines` (without indentation) before the line that holds offset `before`, indented like `like`. */
function insertLines(text, before, likeOffset, lines) {
  const at = lineStart(text, before);
  const indent = indentAt(text, likeOffset);
  const nl = eol(text);
  return text.slice(0, at) + lines.map((l) => indent + l + nl).join('') + text.slice(at);
}

/** Removes an element together with its lines (the element must stand on lines of its own). */
function removeElement(text, el) {
  const start = lineStart(text, el.start);
  let end = text.indexOf('\n', el.end - 1);
  end = end < 0 ? text.length : end + 1;
  return text.slice(0, start) + text.slice(end);
}

/** Sets an attribute of the start tag at `el.start` (appended before the tag's end when absent). */
function setAttr(text, el, name, value) {
  const tag = text.slice(el.start, el.tagEnd);
  const re = new RegExp(`(\\s${name.replace('.', '\\.')}=")[^"]*(")`);
  const next = re.test(tag) ? tag.replace(re, `$1${escapeAttr(value)}$2`) : tag.replace(/\s*(\/?)>$/, ` ${name}="${escapeAttr(value)}" $1>`).replace(/ >$/, '>');
  return text.slice(0, el.start) + next + text.slice(el.tagEnd);
}

module.exports = { escapeAttr, elements, find, insertLines, removeElement, setAttr, indentAt, eol };
