/**
 * The reverse-proxy bridge's service account (LocalService in the generated WinSW definition) and its grants,
 * planned from the definition as data: inside the site folder without a question, the chosen interpreter's
 * installation without one, anything else only when confirmed, a system folder never modify.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCAL_SERVICE, planServiceGrants, serviceGrantTargets } from '../../src/core/host/serviceGrants';
import { parseWinswXml } from '../../src/core/host/services';
import { sayWith } from '../../src/core/host/undo';
import { renderWinswXml } from '../../src/core/scaffold/serviceDefinitions';
import { facts, WIN_TOOLS } from './hostHelpers';

const say = sayWith();
const xml = (account: string, logpath = 'C:\\inetpub\\shop\\logs') => `<service>
  <id>shopBackend</id>
  <executable>C:\\inetpub\\shop\\.venv\\Scripts\\python.exe</executable>
  <arguments>-m waitress --listen=127.0.0.1:8042 wsgi_iis:app</arguments>
  <workingdirectory>C:\\inetpub\\shop</workingdirectory>
  <serviceaccount>${account}</serviceaccount>
  <logpath>${logpath}</logpath>
</service>`;

test('the service account is read in both WinSW forms: 3\'s <username>, 2\'s <domain> and <user>; none is LocalSystem', () => {
  assert.equal(parseWinswXml('a.xml', xml('<username>NT AUTHORITY\\LocalService</username>'))?.account, 'NT AUTHORITY\\LocalService');
  assert.equal(parseWinswXml('a.xml', xml('<domain>NT AUTHORITY</domain><user>LocalService</user>'))?.account, 'NT AUTHORITY\\LocalService');
  assert.equal(parseWinswXml('a.xml', xml('').replace('<serviceaccount></serviceaccount>', ''))?.account, undefined);
  // What `new --bridge proxy` writes is read back as LocalService, with its working directory and log folder.
  const site = 'C:\\inetpub\\shop';
  const generated = parseWinswXml('g.xml', renderWinswXml({
    name: 'shop', app: { handler: 'shop.app' }, proxy: { port: 8042, werkzeug: true },
    server: { sitePath: site, python: `${site}\\.venv\\Scripts\\python.exe`, wfastcgi: '', venv: '.venv', logDir: 'logs' },
  }));
  assert.equal(generated?.account, 'NT AUTHORITY\\LocalService');
  assert.equal(generated?.workingDirectory, 'C:\\inetpub\\shop');
});

test('the definition\'s paths below its working directory are mapped onto the site folder register works on', () => {
  const def = parseWinswXml('a.xml', xml('<username>NT AUTHORITY\\LocalService</username>'))!;
  const targets = serviceGrantTargets(def, 'D:\\sites\\shop', facts({ files: { 'D:\\sites\\shop\\.venv\\pyvenv.cfg': 'home = C:\\Python312\n' } }));
  assert.deepEqual(targets.map((t) => [t.path, t.right, t.what]), [
    ['D:\\sites\\shop', 'RX', 'site'], ['D:\\sites\\shop\\.venv', 'RX', 'venv'], ['C:\\Python312', 'RX', 'base'], ['D:\\sites\\shop\\logs', 'M', 'serviceLog'],
  ]);
});

test('grants follow the trust rules: inside the site and the chosen interpreter planned, others asked, system folders never modify', () => {
  const def = parseWinswXml('a.xml', xml('<username>NT AUTHORITY\\LocalService</username>'))!;
  const f = facts({ files: { 'C:\\inetpub\\shop\\.venv\\pyvenv.cfg': 'home = C:\\Users\\ann\\AppData\\Local\\Programs\\Python\\Python312\n' } });
  const base = 'C:\\Users\\ann\\AppData\\Local\\Programs\\Python\\Python312';
  const asked = planServiceGrants(def, 'C:\\inetpub\\shop', {}, WIN_TOOLS, f, say)!;
  assert.deepEqual(asked.steps.map((s) => s.argv.slice(1)), [['C:\\inetpub\\shop', '/grant', `${LOCAL_SERVICE}:(OI)(CI)RX`], ['C:\\inetpub\\shop\\logs', '/grant', `${LOCAL_SERVICE}:(OI)(CI)M`]]);
  assert.deepEqual(asked.questions.map((q) => [q.path, q.right, q.principal]), [[base, 'RX', `LocalService (${LOCAL_SERVICE})`]]);
  assert.match(asked.questions[0]!.why, /^LocalService \(\*S-1-5-19\) needs read & execute on C:\\Users/);
  assert.match(asked.steps[0]!.why, /service account LocalService/);
  const chosen = planServiceGrants(def, 'C:\\inetpub\\shop', { chosen: base }, WIN_TOOLS, f, say)!;
  assert.deepEqual(chosen.questions, []);
  assert.ok(chosen.steps.some((s) => s.argv[1] === base && s.argv[3] === `${LOCAL_SERVICE}:(OI)(CI)RX`));
  assert.ok(chosen.steps.every((s) => s.creates?.kind === 'grant' && s.undo?.[0]?.[2] === '/remove:g'));
  // A log folder in Windows' own folders: never modify, even when confirmed.
  const sys = parseWinswXml('a.xml', xml('<username>NT AUTHORITY\\LocalService</username>', 'C:\\Windows\\Temp\\shop'))!;
  const refused = planServiceGrants(sys, 'C:\\inetpub\\shop', { confirmed: ['C:\\Windows\\Temp\\shop'] }, WIN_TOOLS, f, say)!;
  assert.ok(refused.steps.every((s) => !s.argv[1]!.startsWith('C:\\Windows')));
  assert.ok(refused.notes.some((n) => /C:\\Windows\\Temp\\shop.*system folder/.test(n)), refused.notes.join('\n'));
  // Another account (or none: WinSW's default LocalSystem) gets no grant from here.
  assert.equal(planServiceGrants(parseWinswXml('a.xml', xml('<username>LocalSystem</username>'))!, 'C:\\inetpub\\shop', {}, WIN_TOOLS, f, say), undefined);
});
