'use strict';
// The appcmd commands of the reverse-proxy bridge on an applicationHost.config's text: ARR's server-wide
// `system.webServer/proxy` (set / clear, `/commit:apphost`) and URL Rewrite's server-level
// `system.webServer/rewrite/allowedServerVariables` collection (/+ and /-). Both sections exist only when their
// module is installed (declared in <configSections>): otherwise appcmd's "Unknown config section" (13).
// IIS writes no element that holds nothing: clearing the proxy section removes <proxy>, and removing the last
// allowed variable removes the empty <allowedServerVariables> (and a <rewrite> left empty), so adding and
// removing the same entries gives back the original bytes.
const x = require('./xmltext');
const { AppcmdError } = require('./appcmdCommands');

const applied = (section) => `Applied configuration changes to section "${section}" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"`;
const same = (a, b) => (a || '').toLowerCase() === (b || '').toLowerCase();

/** `system.webServer/rewrite/allowedServerVariables` is declared (nested section groups). */
function declared(text, section) {
  const parts = section.split('/');
  let range = x.find(text, ['configuration', 'configSections']);
  if (!range) return false;
  for (const group of parts.slice(0, -1)) {
    range = x.elements(text, 'sectionGroup', range.tagEnd, range.end).find((g) => same(g.attrs.name, group));
    if (!range) return false;
  }
  return x.elements(text, 'section', range.tagEnd, range.end).some((s) => same(s.attrs.name, parts[parts.length - 1]));
}

function unknown(section) {
  return new AppcmdError(`ERROR ( message:Unknown config section "${section}". Replace with ? for help. )`, 13);
}

function rootWebServer(text) {
  const ws = x.find(text, ['configuration', 'system.webServer']);
  if (!ws) throw new AppcmdError('ERROR ( message:The fake appcmd needs a server-level <system.webServer>. )', 13);
  return ws;
}

/** Offsets of the child elements' start tags in [from, to) outside comments (the first level is enough here). */
function firstChild(text, from, to) {
  const re = /<!--[\s\S]*?-->|<([A-Za-z])/g;
  re.lastIndex = from;
  let m;
  while ((m = re.exec(text)) && m.index < to) if (m[1]) return m.index;
  return undefined;
}

/** Inserts lines as the last children of `parent` (indented like its children, or one step deeper than it). */
function appendChild(text, parent, name, lines) {
  const close = parent.end - `</${name}>`.length;
  const child = firstChild(text, parent.tagEnd, close);
  if (child !== undefined) return x.insertLines(text, close, child, lines);
  return x.insertLines(text, close, parent.start, lines.map((l) => '    ' + l));
}

function setProxy(text, params) {
  const section = 'system.webServer/proxy';
  if (!declared(text, section)) throw unknown(section);
  const ws = rootWebServer(text);
  let next = text;
  const proxy = x.elements(text, 'proxy', ws.tagEnd, ws.end)[0];
  const attrs = params;
  if (!proxy) return [appendChild(text, ws, 'system.webServer', [`<proxy ${attrs.map(([k, v]) => `${k}="${x.escapeAttr(v)}"`).join(' ')} />`]), applied(section)];
  for (const [k, v] of attrs) next = x.setAttr(next, x.elements(next, 'proxy', ws.tagEnd, ws.end)[0], k, v);
  return [next, applied(section)];
}

function clearProxy(text) {
  const section = 'system.webServer/proxy';
  if (!declared(text, section)) throw unknown(section);
  const ws = rootWebServer(text);
  const proxy = x.elements(text, 'proxy', ws.tagEnd, ws.end)[0];
  return [proxy ? x.removeElement(text, proxy) : text, applied(section)];
}

function allowedVariables(text, op, spec) {
  const section = 'system.webServer/rewrite/allowedServerVariables';
  if (!declared(text, section)) throw unknown(section);
  const name = (/name='([^']*)'/.exec(spec) || [])[1];
  if (!name) throw new AppcmdError('ERROR ( message:New add object missing required attributes. )', 87);
  const ws = rootWebServer(text);
  const rewrite = x.elements(text, 'rewrite', ws.tagEnd, ws.end)[0];
  const list = rewrite && x.elements(text, 'allowedServerVariables', rewrite.tagEnd, rewrite.end)[0];
  const items = list ? x.elements(text, 'add', list.tagEnd, list.end) : [];
  const match = items.find((a) => same(a.attrs.name, name));
  const line = `<add name="${x.escapeAttr(name)}" />`;
  if (op === '+') {
    if (match) throw new AppcmdError(`ERROR ( message:New add object missing required attributes. Cannot add duplicate collection entry of type 'add' with unique key attribute 'name' set to '${name}'\n. )`, 183);
    if (list) return [appendChild(text, list, 'allowedServerVariables', [line]), applied(section)];
    if (rewrite) return [appendChild(text, rewrite, 'rewrite', ['<allowedServerVariables>', '    ' + line, '</allowedServerVariables>']), applied(section)];
    return [appendChild(text, ws, 'system.webServer', ['<rewrite>', '    <allowedServerVariables>', '        ' + line, '    </allowedServerVariables>', '</rewrite>']), applied(section)];
  }
  if (!match) throw new AppcmdError('ERROR ( message:Cannot find requested collection element. )', 1168);
  if (items.length > 1) return [x.removeElement(text, match), applied(section)];
  const close = rewrite.end - '</rewrite>'.length;
  const others = firstChild(text, rewrite.tagEnd, list.start) !== undefined || firstChild(text, list.end, close) !== undefined;
  return [x.removeElement(text, others ? list : rewrite), applied(section)];
}

module.exports = { setProxy, clearProxy, allowedVariables };
