/**
 * Serving a project with a real Python through `flask-iis run` (the wfastcgi start-up, or HttpPlatformHandler's
 * processPath + arguments with HTTP_PLATFORM_PORT set): requests to 127.0.0.1 only, bounded retries, and the
 * process always stopped.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';

const CLI = resolve(__dirname, '../../dist/cli.js');

/** A Python that imports all of `modules` (FLASK_IIS_PYTHON, Debian's /usr/bin/python3, then PATH), or undefined. */
export { pythonWith } from './platform';

/** Starts `flask-iis run DIR --port 0 --python PYTHON`, waits for its "Serving" and "First request" lines, always stops it. */
export async function withRun(dir: string, python: string, body: (url: string, output: string) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'run', dir, '--python', python, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C' } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('close', r));
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Serving" line within 60 s:\n${output}`)), 60_000);
      const look = () => {
        const m = /Serving .* on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (m && /First request/.test(output)) {
          clearTimeout(timer);
          resolveUrl(m[1]!);
        }
      };
      child.stdout.on('data', look);
      void exited.then(() => reject(new Error(`flask-iis run exited:\n${output}`)));
    });
    await body(url, output);
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Up to `tries` GETs to 127.0.0.1, 200 ms apart. */
export async function httpGet(url: string, headers: Record<string, string> = {}, tries = 20): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  assert.equal(u.hostname, '127.0.0.1');
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      return await new Promise((res, rej) => {
        const req = request({ host: '127.0.0.1', port: Number(u.port), path: u.pathname, headers, timeout: 10_000 }, (r) => {
          let body = '';
          r.on('data', (d: Buffer) => (body += d.toString()));
          r.on('end', () => res({ status: r.statusCode ?? 0, body }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', rej);
        req.end();
      });
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw last;
}
