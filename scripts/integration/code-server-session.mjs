// One pass of the integration suite in a real VS Code: code-server on a free loopback port with temporary
// user-data/extensions dirs, headless Chromium (playwright-core) opening the workbench with the extension
// under development and the suite, then the JSON report the suite writes. Always stops what it started.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { copyFixtureWorkspace } from './build-suite.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const COMMON_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  // Tests save edited documents themselves: auto save would make save() return false ("not dirty") under load.
  'files.autoSave': 'off',
};
const TRUST_SETTINGS = {
  trusted: { 'security.workspace.trust.enabled': false },
  restricted: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false },
};

/** Cleanups of passes still running, so a signal handler can stop everything. */
const active = new Set();

export async function stopAll() {
  await Promise.allSettled([...active].map((cleanup) => cleanup()));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines) {
  try { return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return `(no ${file})`; }
}

function findLogs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String)
    .filter((f) => /exthost\d*\.log$|remoteagent\.log$/i.test(f)).map((f) => join(dir, f));
}

/** Stops a detached child's whole process group: SIGTERM, then SIGKILL after a grace period. */
async function stopGroup(child) {
  const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
  kill('SIGTERM');
  for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
  kill('SIGKILL'); // whatever of the group is left (extension host, watchers)
}

async function waitForServer(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited (${child.signalCode ?? child.exitCode}) before it listened`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new Error(`code-server did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}

async function waitForReport(file, child, state, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try { return JSON.parse(readFileSync(file, 'utf8')); } catch { /* being written */ }
    }
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited (${child.signalCode ?? child.exitCode}) before the suite wrote results`);
    if (state.crashed) throw new Error('the browser page crashed before the suite wrote results');
    await sleep(250);
  }
  throw new Error(`the suite wrote no results within ${timeoutMs / 1000} s (VS Code did not start, or the extension host did not run the tests)`);
}

function workbenchUrl(port, workspace, extensionPath, testsEntry) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)], ...(testsEntry ? [['extensionTestsPath', remote(testsEntry)]] : [])];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * A display language for the session without downloading a language pack: a local language pack entry in
 * the user data's languagepacks.json whose core translation file is empty. VS Code's own UI stays English
 * (every core message falls back), but the display language is `locale`, so extensions get their
 * l10n/bundle.l10n.<locale>.json and package.nls.<locale>.json, as with the real language pack.
 */
function installLocale(userData, locale) {
  const translations = join(userData, 'flask-iis-language-pack', 'main.i18n.json');
  mkdirSync(join(userData, 'flask-iis-language-pack'), { recursive: true });
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: `flask-iis-test-${locale}`, extensions: [{ extensionIdentifier: { id: 'flask-iis.test-language-pack' }, version: '1.0.0' }],
      translations: { vscode: translations }, label: locale },
  }));
  writeFileSync(join(userData, 'User', 'argv.json'), JSON.stringify({ locale }));
}

function startServer(paths, { port, userData, extensions, workspace, mode, log, env, locale }) {
  const args = [paths.entry, '--config', join(userData, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    ...(locale ? ['--locale', locale] : []),
    '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check',
    ...(mode === 'trusted' ? ['--disable-workspace-trust'] : []),
    '--vscode-option', 'enable-smoke-test-driver', workspace];
  const fd = openSync(log, 'a');
  try {
    return spawn(paths.node, args, { detached: true, stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts code-server with the extension under development (and the suite, when `testsEntry` is given) on a copy
 * of `workspace` (default: the fixture workspace; in <tmp>/`workspaceName`) and opens the workbench in headless Chromium. Resolves with the
 * page, the paths it uses and `close()`, which stops everything it started; `close()` is also run by stopAll().
 */
export async function openWorkbench({ paths, mode = 'trusted', extensionPath, testsEntry, env = {}, locale, workspace, workspaceName = 'workspace', viewport, settings = {} }) {
  const cleanups = [];
  const close = async () => {
    active.delete(close);
    while (cleanups.length) await cleanups.pop()().catch(() => {});
  };
  active.add(close);
  const tmp = mkdtempSync(join(tmpdir(), `flask-iis-vscode-${mode}-`));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  const userData = join(tmp, 'user-data');
  const log = join(tmp, 'code-server.log');
  const consoleLines = [];
  const session = { tmp, userData, log, consoleLines, close, results: join(tmp, 'results.json') };
  try {
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...COMMON_SETTINGS, ...TRUST_SETTINGS[mode], ...settings }, null, 2));
    if (locale) installLocale(userData, locale);
    const folder = join(tmp, ...workspaceName.split('/'));
    if (workspace) cpSync(workspace, folder, { recursive: true });
    else copyFixtureWorkspace(folder);
    session.workspace = folder;
    // code-server, VS Code and Chromium keep logs, ids and crash reports under the XDG dirs: keep $HOME clean.
    const xdg = { XDG_DATA_HOME: join(tmp, 'xdg-data'), XDG_CONFIG_HOME: join(tmp, 'xdg-config'), XDG_CACHE_HOME: join(tmp, 'xdg-cache') };
    const port = await freePort();
    const child = startServer(paths, {
      port, userData, extensions: join(tmp, 'extensions'), workspace: folder, mode, log, locale,
      env: { ...process.env, ...xdg, ...env, FLASK_IIS_TEST_RESULTS: session.results, FLASK_IIS_TRUST_MODE: mode, ...(locale ? { FLASK_IIS_LOCALE_UNDER_TEST: locale } : {}) },
    });
    session.child = child;
    cleanups.push(() => stopGroup(child));
    await waitForServer(port, child, 60_000);

    const browser = await chromium.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, env: { ...process.env, ...xdg } });
    cleanups.push(() => browser.close());
    const page = await browser.newPage(viewport ? { viewport } : {});
    session.page = page;
    session.state = { crashed: false };
    page.on('crash', () => { session.state.crashed = true; });
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(workbenchUrl(port, folder, extensionPath, testsEntry), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return session;
  } catch (err) {
    describeFailure(err, session);
    await close();
    throw err;
  }
}

/** Adds the tails of code-server's, the extension host's and the browser's logs to `err`. */
function describeFailure(err, { userData, log, consoleLines }) {
  const logs = findLogs(join(userData, 'logs')).map((f) => `--- ${f} (tail)\n${tail(f, 25)}`);
  err.message += `\n--- code-server log (tail)\n${tail(log, 25)}\n${logs.join('\n')}` +
    `\n--- browser console (tail)\n${consoleLines.slice(-25).join('\n')}`;
}

/**
 * Runs the suite once in `mode` ('trusted' | 'restricted'); resolves with the suite's report, rejects with
 * the reason (and log tails) when VS Code did not start or the suite wrote no results.
 */
export async function runPass({ paths, mode, extensionPath, testsEntry, timeoutMs, env = {}, locale }) {
  const session = await openWorkbench({ paths, mode, extensionPath, testsEntry, env, locale });
  try {
    return await waitForReport(session.results, session.child, session.state, timeoutMs);
  } catch (err) {
    describeFailure(err, session);
    throw err;
  } finally {
    await session.close();
  }
}
