/** The TextMate injection grammar, tokenized with VS Code's own engine (vscode-textmate + Oniguruma). */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = resolve(__dirname, '../..');
const INJECTION = JSON.parse(readFileSync(join(ROOT, 'syntaxes/webconfig.injection.tmLanguage.json'), 'utf8')) as { scopeName: string };

/** Enough of an XML grammar for the injection's selector (`text.xml string.quoted`); the real one is used when cached. */
const MINI_XML = {
  scopeName: 'text.xml',
  patterns: [{
    begin: '(<)([\\w.:-]+)', end: '(/?>)', name: 'meta.tag.xml',
    patterns: [{ match: '[\\w.:-]+(?==)', name: 'entity.other.attribute-name.xml' }, { begin: '"', end: '"', name: 'string.quoted.double.xml' }],
  }],
};
const REAL_XML = join(process.env['FLASK_IIS_VSCODE_CACHE'] ?? join(homedir(), '.cache/flask-iis-vscode'), 'server/node_modules/code-server/lib/vscode/extensions/xml/syntaxes/xml.tmLanguage.json');

async function registry(xml: object): Promise<textmate.Registry> {
  const wasm = readFileSync(join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'text.xml' ? textmate.parseRawGrammar(JSON.stringify(xml), 'xml.json') : scope === INJECTION.scopeName ? textmate.parseRawGrammar(JSON.stringify(INJECTION), 'inj.json') : null),
    getInjections: (scope) => (scope === 'text.xml' ? [INJECTION.scopeName] : undefined),
  });
}

async function scopesOf(xml: object, line: string): Promise<Map<string, string[]>> {
  const grammar = (await (await registry(xml)).loadGrammar('text.xml'))!;
  const tokens = grammar.tokenizeLine(line, textmate.INITIAL).tokens;
  return new Map(tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes]));
}

const has = (m: Map<string, string[]>, text: string, scope: RegExp) => (m.get(text) ?? []).some((s) => scope.test(s));

for (const [label, xml] of [['a minimal XML grammar', MINI_XML], ['VS Code\'s XML grammar', existsSync(REAL_XML) ? JSON.parse(readFileSync(REAL_XML, 'utf8')) : undefined]] as const) {
  test(`injection on ${label}: wfastcgi keys, %VAR% and the scriptProcessor bar`, { skip: !xml && 'the code-server cache is not installed yet' }, async () => {
    const key = await scopesOf(xml!, '<add key="WSGI_HANDLER" value="%SystemDrive%\\app" />');
    assert.ok(has(key, 'WSGI_HANDLER', /support\.constant\.wfastcgi-key/), JSON.stringify([...key]));
    assert.ok(has(key, 'SystemDrive', /variable\.other\.environment/), JSON.stringify([...key]));
    const sp = await scopesOf(xml!, '<add scriptProcessor="C:\\P\\python.exe|C:\\P\\Lib\\site-packages\\wfastcgi.py" />');
    assert.ok(has(sp, '|', /keyword\.operator\.separator\.script-processor/), JSON.stringify([...sp]));
    const outside = await scopesOf(xml!, '<WSGI_HANDLER a="x|y" />');
    assert.ok(![...outside.values()].flat().some((s) => /flask-iis/.test(s)), 'nothing outside quoted values, no bar without .exe');
  });
}
