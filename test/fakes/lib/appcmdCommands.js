'use strict';
// The effects of the appcmd commands the host tasks use, on an applicationHost.config's text, with appcmd's
// messages and exit codes (183 duplicate, 1168 not found, 87 usage) for bad input.
const x = require('./xmltext');

class AppcmdError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

const notFound = (kind, id) => new AppcmdError(`ERROR ( message:Cannot find ${kind} object with identifier "${id}". )`, 1168);
const duplicate = (id) => new AppcmdError(`ERROR ( message:Failed to add duplicate collection element "${id}". )`, 183);
const same = (a, b) => (a || '').toLowerCase() === (b || '').toLowerCase();

function pools(text) {
  const section = x.find(text, ['configuration', 'system.applicationHost', 'applicationPools']);
  if (!section) throw new AppcmdError('ERROR ( message:Unknown config section "system.applicationHost/applicationPools". )', 13);
  return { section, list: x.elements(text, 'add', section.tagEnd, section.end) };
}

function sites(text) {
  const section = x.find(text, ['configuration', 'system.applicationHost', 'sites']);
  if (!section) throw new AppcmdError('ERROR ( message:Unknown config section "system.applicationHost/sites". )', 13);
  return { section, list: x.elements(text, 'site', section.tagEnd, section.end) };
}

function addPool(text, p) {
  const name = p.name;
  if (!name) throw new AppcmdError('ERROR ( message:Must specify the APPPOOL object with identifier. )', 87);
  const { section, list } = pools(text);
  if (list.some((a) => same(a.attrs.name, name))) throw duplicate(name);
  const defaults = x.elements(text, 'applicationPoolDefaults', section.tagEnd, section.end)[0];
  const before = defaults ? defaults.start : section.end - '</applicationPools>'.length;
  const like = list.length ? list[list.length - 1].start : before;
  const extra = ['managedRuntimeVersion', 'managedPipelineMode'].filter((k) => k in p).map((k) => ` ${k}="${x.escapeAttr(p[k])}"`).join('');
  return [x.insertLines(text, before, like, [`<add name="${x.escapeAttr(name)}"${extra} />`]), `APPPOOL object "${name}" added`];
}

function pool(text, name) {
  const found = pools(text).list.find((a) => same(a.attrs.name, name));
  if (!found) throw notFound('APPPOOL', name);
  return found;
}

function setPool(text, name, changes) {
  let next = text;
  for (const [key, value] of changes) {
    const el = pool(next, name);
    if (!key.startsWith('processModel.')) {
      next = x.setAttr(next, el, key, value);
      continue;
    }
    const attr = key.slice('processModel.'.length);
    const child = x.elements(next, 'processModel', el.tagEnd, el.end)[0];
    if (child) next = x.setAttr(next, child, attr, value);
    else next = expandWith(next, el, 'add', [`<processModel ${attr}="${x.escapeAttr(value)}" />`]);
  }
  return [next, `APPPOOL object "${name}" changed`];
}

/** Turns `<name ... />` into `<name ...>` + child lines + `</name>` (or adds the child lines before the end tag). */
function expandWith(text, el, name, childLines) {
  const indent = x.indentAt(text, el.start);
  const nl = x.eol(text);
  if (text.slice(el.start, el.tagEnd).endsWith('/>')) {
    const open = text.slice(el.start, el.tagEnd).replace(/\s*\/>$/, '>');
    return text.slice(0, el.start) + open + nl + childLines.map((l) => indent + '    ' + l + nl).join('') + indent + `</${name}>` + text.slice(el.tagEnd);
  }
  const close = el.end - `</${name}>`.length;
  return x.insertLines(text, close, el.start, childLines.map((l) => '    ' + l));
}

/**
 * `/+[key].environmentVariables.[name='N',value='V']` on a pool (IIS 10) or a FastCGI application: adds
 * `<environmentVariables><add name value /></environmentVariables>` inside the element, as IIS writes it.
 */
function addEnvironmentVariable(text, el, elName, item) {
  if (!item.name || item.value === undefined) throw new AppcmdError('ERROR ( message:New add object missing required attributes. Cannot add duplicate collection entry of type \'add\' with unique key attribute \'name\' set to \'\'\n. )', 87);
  const line = `<add name="${x.escapeAttr(item.name)}" value="${x.escapeAttr(item.value)}" />`;
  const section = x.elements(text, 'environmentVariables', el.tagEnd, el.end)[0];
  if (!section) return expandWith(text, el, elName, ['<environmentVariables>', '    ' + line, '</environmentVariables>']);
  if (x.elements(text, 'add', section.tagEnd, section.end).some((a) => same(a.attrs.name, item.name))) {
    throw new AppcmdError(`ERROR ( message:New add object missing required attributes. Cannot add duplicate collection entry of type 'add' with unique key attribute 'name' set to '${item.name}'\n. )`, 183);
  }
  return expandWith(text, section, 'environmentVariables', [line]);
}

/** `[k='v',...].environmentVariables.[k='v',...]`: the element's key and the variable, or undefined. */
function nestedSpec(spec) {
  const m = /^[/-]\+\[([^\]]*)\]\.environmentVariables\.\[([^\]]*)\]$/i.exec(spec);
  if (!m) return undefined;
  const read = (part) => Object.fromEntries([...part.matchAll(/(\w+)='([^']*)'/g)].map((p) => [p[1], p[2]]));
  return { key: read(m[1]), item: read(m[2]) };
}

function poolEnvironment(text, spec) {
  const nested = nestedSpec(spec);
  if (!nested || !nested.key.name) throw new AppcmdError('ERROR ( message:The fake appcmd only adds environmentVariables to an application pool here. )', 87);
  const el = pool(text, nested.key.name);
  return [addEnvironmentVariable(text, el, 'add', nested.item), 'Applied configuration changes to section "system.applicationHost/applicationPools" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"'];
}

function addSite(text, p) {
  const name = p.name;
  if (!name) throw new AppcmdError('ERROR ( message:Must specify the SITE object with identifier. )', 87);
  const { section, list } = sites(text);
  if (list.some((s) => same(s.attrs.name, name))) throw duplicate(name);
  if (p.id !== undefined && !/^[1-9]\d{0,9}$/.test(p.id)) throw new AppcmdError(`ERROR ( message:Invalid site ID "${p.id}". )`, 87);
  if (p.id !== undefined && list.some((s) => s.attrs.id === p.id)) throw new AppcmdError(`ERROR ( message:Failed to add duplicate collection element "${p.id}". )`, 183);
  const id = p.id !== undefined ? Number(p.id) : Math.max(0, ...list.map((s) => Number(s.attrs.id) || 0)) + 1;
  const before = list.length ? list[list.length - 1].end + 1 : section.end - '</sites>'.length;
  const like = list.length ? list[list.length - 1].start : before;
  const [protocol, ...info] = (p.bindings || '').split('/');
  const lines = [`<site name="${x.escapeAttr(name)}" id="${id}">`];
  if (p.physicalPath !== undefined) lines.push('    <application path="/">', `        <virtualDirectory path="/" physicalPath="${x.escapeAttr(p.physicalPath)}" />`, '    </application>');
  if (p.bindings) lines.push('    <bindings>', `        <binding protocol="${x.escapeAttr(protocol)}" bindingInformation="${x.escapeAttr(info.join('/'))}" />`, '    </bindings>');
  lines.push('</site>');
  const nextLine = text.indexOf('\n', before - 1) + 1;
  return [x.insertLines(text, list.length ? nextLine : before, like, lines), `SITE object "${name}" added\nAPP object "${name}/" added\nVDIR object "${name}/" added`];
}

function site(text, name) {
  const found = sites(text).list.find((s) => same(s.attrs.name, name));
  if (!found) throw notFound('SITE', name);
  return found;
}

function setApp(text, appName, changes) {
  const slash = appName.indexOf('/');
  const siteName = slash < 0 ? appName : appName.slice(0, slash);
  const path = slash < 0 ? '/' : appName.slice(slash) || '/';
  let next = text;
  for (const [key, value] of changes) {
    let s;
    try {
      s = site(next, siteName);
    } catch {
      throw notFound('APP', appName);
    }
    const app = x.elements(next, 'application', s.tagEnd, s.end).find((a) => (a.attrs.path || '/') === path);
    if (!app) throw notFound('APP', appName);
    next = x.setAttr(next, app, key, value);
  }
  return [next, `APP object "${appName}" changed`];
}

function fastCgi(text, op, spec) {
  const section = x.find(text, ['configuration', 'system.webServer', 'fastCgi']);
  if (!section) throw new AppcmdError('ERROR ( message:Unknown config section "system.webServer/fastCGI". Replace with ? for help. )', 13);
  const nested = nestedSpec(spec);
  if (nested) {
    const app = x.elements(text, 'application', section.tagEnd, section.end).find((a) => same(a.attrs.fullPath, nested.key.fullPath) && same(a.attrs.arguments, nested.key.arguments || ''));
    if (!app) throw new AppcmdError('ERROR ( message:Cannot find requested collection element. )', 1168);
    return [addEnvironmentVariable(text, app, 'application', nested.item), 'Applied configuration changes to section "system.webServer/fastCgi" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"'];
  }
  const item = {};
  for (const m of spec.matchAll(/(\w+)='([^']*)'/g)) item[m[1]] = m[2];
  if (!item.fullPath) throw new AppcmdError('ERROR ( message:New application object missing required attributes. )', 87);
  const apps = x.elements(text, 'application', section.tagEnd, section.end);
  const match = apps.find((a) => same(a.attrs.fullPath, item.fullPath) && same(a.attrs.arguments, item.arguments || ''));
  const applied = 'Applied configuration changes to section "system.webServer/fastCgi" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"';
  if (op === '-') {
    if (!match) throw new AppcmdError('ERROR ( message:Cannot find requested collection element. )', 1168);
    return [x.removeElement(text, match), applied];
  }
  if (match) {
    throw new AppcmdError(`ERROR ( message:New application object missing required attributes. Cannot add duplicate collection entry of type 'application' with combined key attributes 'fullPath, arguments' respectively set to '${item.fullPath}, ${item.arguments || ''}'\n. )`, 183);
  }
  const attrsText = Object.entries(item).map(([k, v]) => `${k}="${x.escapeAttr(v)}"`).join(' ');
  const close = section.end - '</fastCgi>'.length;
  return [x.insertLines(text, close, apps.length ? apps[0].start : section.start, [`${apps.length ? '' : '    '}<application ${attrsText} />`]), applied];
}

function lockSection(text, section, mode) {
  const [group, name] = [section.slice(0, section.lastIndexOf('/')), section.slice(section.lastIndexOf('/') + 1)];
  const g = x.elements(text, 'sectionGroup').find((e) => e.attrs.name === group);
  const decl = g && x.elements(text, 'section', g.tagEnd, g.end).find((e) => same(e.attrs.name, name));
  if (!decl) throw new AppcmdError(`ERROR ( message:Unknown config section "${section}". )`, 13);
  const verb = mode === 'Allow' ? 'Unlocked' : 'Locked';
  return [x.setAttr(text, decl, 'overrideModeDefault', mode), `${verb} section "${section}" at configuration path "MACHINE/WEBROOT/APPHOST".`];
}

module.exports = { AppcmdError, addPool, pool, setPool, poolEnvironment, addSite, site, setApp, fastCgi, lockSection, notFound, removeElement: x.removeElement };
