// Makes sure the real web servers of the served-for-real deployment tests (test/unit/serversServe*.test.ts) are on
// this machine: Apache with mod_wsgi (mod_cgi ships with apache2), nginx with gunicorn, uWSGI with its Python 3
// plugin, lighttpd and Apache's mod_fcgid for FastCGI. Debian packages, installed once (apt-get update once);
// nothing is started or enabled (the tests run each server from a temporary config as the current user).
// Idempotent: does nothing when every program is there. Not a Debian-like system, or a package apt cannot
// install: says so and goes on; the tests that need it skip with that reason. python3-flup (the FastCGI server
// of the seed) is not packaged by Debian: it is tried, and its absence is reported, not an error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each package, and the file that shows it is installed. */
const PACKAGES = [
  ['apache2', '/usr/sbin/apache2'],
  ['libapache2-mod-wsgi-py3', '/usr/lib/apache2/modules/mod_wsgi.so'],
  ['nginx', '/usr/sbin/nginx'],
  ['python3-gunicorn', '/usr/lib/python3/dist-packages/gunicorn/__init__.py'],
  ['uwsgi-core', '/usr/bin/uwsgi-core'],
  ['uwsgi-plugin-python3', '/usr/lib/uwsgi/plugins/python3_plugin.so'],
  ['lighttpd', '/usr/sbin/lighttpd'],
  ['libapache2-mod-fcgid', '/usr/lib/apache2/modules/mod_fcgid.so'],
];
const OPTIONAL = ['python3-flup'];

const missing = PACKAGES.filter(([, file]) => !existsSync(file)).map(([name]) => name);
if (!missing.length) {
  console.log(`setup-servers: ${PACKAGES.map(([n]) => n).join(', ')} are installed`);
} else if (!existsSync('/usr/bin/apt-get')) {
  console.log(`setup-servers: no apt-get here (${process.platform}, not Debian); the served-for-real tests of ${missing.join(', ')} are skipped`);
} else {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    // --no-install-recommends: the servers, not their documentation and extras (time on a fresh machine).
    return spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  console.log(`setup-servers: installing ${missing.join(' ')}`);
  const lists = existsSync('/var/lib/apt/lists') && spawnSync('sh', ['-c', 'ls /var/lib/apt/lists | grep -q _Packages'], { stdio: 'ignore' }).status === 0;
  if (!lists) run(['apt-get', 'update', '-qq']);
  if (!run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing])) {
    // One by one: a package that cannot be installed must not keep the others out.
    run(['apt-get', 'update', '-qq']);
    for (const name of missing) if (!run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', name])) console.log(`setup-servers: ${name} could not be installed; its served test will be skipped`);
  }
}
for (const name of existsSync('/usr/bin/apt-cache') ? OPTIONAL : []) {
  const known = /\S/.test(spawnSync('apt-cache', ['search', '--names-only', `^${name}$`], { encoding: 'utf8' }).stdout ?? '');
  if (!known) console.log(`setup-servers: ${name} is not packaged by this system's apt; the FastCGI test runs the flup-less variant only`);
}
