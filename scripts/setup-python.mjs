// Makes sure a Python with Flask, waitress and Django is on this machine for the verify/run tests (and uvicorn +
// FastAPI for the scaffold's ASGI serving test): Debian's python3-flask, python3-waitress, python3-django,
// python3-uvicorn and python3-fastapi (installed once; apt-get update once), and python3-whitenoise for the Django
// sample that serves its own static files.
// Idempotent: does nothing when /usr/bin/python3 already imports them, or when this is not a Debian-like
// system with apt-get (the tests then skip what needs them and say so). Elsewhere (Windows, macOS: CI) point
// FLASK_IIS_PYTHON at a Python with them (pip install flask waitress ...): the tests use it first, and this script
// only reports what it lacks; it never fails for lack of Debian.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const GIVEN = process.env.FLASK_IIS_PYTHON;
const PYTHON = GIVEN || '/usr/bin/python3';
const PACKAGES = ['python3-flask', 'python3-waitress', 'python3-django', 'python3-uvicorn', 'python3-fastapi', 'python3-whitenoise'];
const CHECK = 'import flask, waitress, django, uvicorn, fastapi, whitenoise';

function ready() {
  return (!!GIVEN || existsSync(PYTHON)) && spawnSync(PYTHON, ['-c', CHECK], { stdio: 'ignore' }).status === 0;
}

/** The modules of CHECK that `PYTHON` cannot import ('' when it cannot run at all). */
function lacking() {
  const names = CHECK.replace(/^import /, '').split(', ');
  return names.filter((m) => spawnSync(PYTHON, ['-c', `import ${m}`], { stdio: 'ignore' }).status !== 0);
}

if (ready()) {
  console.log(`setup-python: ${PYTHON} has flask, waitress, django, uvicorn, fastapi and whitenoise`);
} else if (GIVEN) {
  console.log(`setup-python: FLASK_IIS_PYTHON=${GIVEN} lacks ${lacking().join(', ')}; the tests that need them are skipped (nothing is installed into it)`);
} else if (!existsSync('/usr/bin/apt-get')) {
  console.log(`setup-python: no apt-get here (${process.platform}, not Debian); the tests that run a real Python use python3/python on PATH if it has Flask and waitress, else skip. Set FLASK_IIS_PYTHON to choose one.`);
} else {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  };
  console.log(`setup-python: installing ${PACKAGES.join(' ')}`);
  if (!run(['apt-get', 'update', '-qq']) || !run(['apt-get', 'install', '-y', '-qq', ...PACKAGES]) || !ready()) {
    console.error('setup-python: could not install them with apt-get; the verify/run/serving tests need them');
    process.exit(1);
  }
}
