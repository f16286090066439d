/** The host model: pools and sites with IIS's defaults, icacls listings and access, the manifest, PE headers, host paths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPool, findSite, rootApp } from '../../src/core/host/hostObjects';
import { dirnameHost, isUnder, joinHost, samePath } from '../../src/core/host/hostPaths';
import { hasAccess, hasExplicitGrant, parseIcaclsListing, poolPrincipals, type Ace } from '../../src/core/host/icacls';
import { parseManifest, serializeManifest } from '../../src/core/host/manifest';
import { peMachine } from '../../src/core/host/pe';
import { fixtureAppHost } from './hostHelpers';

test('pools and sites of applicationHost.config, with applicationPoolDefaults and schema defaults applied', () => {
  const { objects, handlersSection, modulePreconditions } = fixtureAppHost();
  const def = findPool(objects, 'defaultapppool')!;
  assert.deepEqual([def.managedRuntimeVersion, def.pipelineMode, def.identityType, def.startMode, def.idleTimeout, def.enable32Bit], ['v4.0', 'Integrated', 'ApplicationPoolIdentity', 'OnDemand', '00:20:00', false]);
  const reports = findPool(objects, 'Reports')!;
  assert.deepEqual([reports.managedRuntimeVersion, reports.identityType, reports.enable32Bit], ['', 'LocalSystem', true]);
  const site = findSite(objects, 'default web site')!;
  assert.deepEqual(site.bindings, [{ protocol: 'http', information: '*:80:' }]);
  const app = rootApp(site)!;
  assert.deepEqual([app.pool, app.vdirs[0]!.physicalPath], ['DefaultAppPool', '%SystemDrive%\\inetpub\\wwwroot']);
  assert.ok(handlersSection);
  assert.equal(modulePreconditions.get('httpplatformhandler'), 'bitness64');
});

const LISTING = [
  'C:\\inetpub\\my shop NT AUTHORITY\\SYSTEM:(OI)(CI)(F)',
  '                   BUILTIN\\Administrators:(I)(OI)(CI)(F)',
  '                   IIS AppPool\\shop:(OI)(CI)(RX)',
  '                   BUILTIN\\Users:(DENY)(W)',
  '                   CREATOR OWNER:(I)(OI)(CI)(IO)(F)',
  '',
  'Successfully processed 1 files; Failed processing 0 files',
].join('\r\n');

test('icacls listings: entries of a path with spaces, inherited and deny flags', () => {
  const aces = parseIcaclsListing(LISTING, 'C:\\inetpub\\my shop')!;
  assert.deepEqual(aces.map((a) => [a.principal, a.flags.join(','), a.inherited, a.deny]), [
    ['NT AUTHORITY\\SYSTEM', 'OI,CI,F', false, false],
    ['BUILTIN\\Administrators', 'I,OI,CI,F', true, false],
    ['IIS AppPool\\shop', 'OI,CI,RX', false, false],
    ['BUILTIN\\Users', 'DENY,W', false, true],
    ['CREATOR OWNER', 'I,OI,CI,IO,F', true, false],
  ]);
  assert.equal(parseIcaclsListing('C:\\other: The system cannot find the file specified.', 'C:\\x'), undefined);
});

test('access: a pool identity reads through its own account or its groups; a relevant deny wins; specific rights count', () => {
  const ace = (principal: string, ...flags: string[]): Ace => ({ principal, flags, inherited: flags.includes('I'), deny: flags.includes('DENY') });
  const shop = poolPrincipals('ApplicationPoolIdentity', 'shop', '');
  const cases: [Ace[], 'RX' | 'M', boolean][] = [
    [[ace('IIS AppPool\\shop', 'OI', 'CI', 'RX')], 'RX', true],
    [[ace('IIS AppPool\\shop', 'OI', 'CI', 'RX')], 'M', false],
    [[ace('BUILTIN\\IIS_IUSRS', 'I', 'OI', 'CI', 'RX')], 'RX', true],
    [[ace('BUILTIN\\Users', 'I', 'RD,X,RA')], 'RX', true],
    [[ace('IIS AppPool\\other', 'F')], 'RX', false],
    [[ace('Everyone', 'F'), ace('IIS AppPool\\shop', 'DENY', 'RX')], 'RX', false],
    [[ace('Everyone', 'F'), ace('IIS AppPool\\shop', 'DENY', 'W')], 'RX', true],
    [[ace('Everyone', 'F'), ace('IIS AppPool\\shop', 'DENY', 'W')], 'M', false],
    [[], 'RX', false],
  ];
  for (const [aces, right, expected] of cases) assert.equal(hasAccess(aces, shop, right), expected, JSON.stringify([aces, right]));
  assert.ok(poolPrincipals('NetworkService', 'x', '').includes('NT AUTHORITY\\NETWORK SERVICE'));
  assert.ok(hasExplicitGrant([ace('iis apppool\\SHOP', 'OI', 'CI', 'RX')], 'IIS AppPool\\shop'));
  assert.ok(!hasExplicitGrant([ace('IIS AppPool\\shop', 'I', 'RX')], 'IIS AppPool\\shop'));
});

test('the manifest is read as untrusted input: unknown kinds, bad fields and sections are dropped; it round-trips', () => {
  const text = JSON.stringify({
    version: 1, site: 'shop', pool: 'shop',
    created: [
      { kind: 'apppool', name: 'shop' }, { kind: 'shell', argv: ['rm', '-rf', '/'] }, { kind: 'unlock', section: 'system.webServer/security' },
      { kind: 'grant', path: 'C:\\x', principal: 'IIS AppPool\\shop' }, { kind: 'setting', object: 'apppool', name: 'p', attribute: 'managedRuntimeVersion', previous: '' }, 42,
    ],
  });
  const parsed = parseManifest(text);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.manifest.created.map((e) => e.kind), ['apppool', 'grant']);
  assert.equal(parsed.dropped.length, 4);
  assert.ok(!parseManifest('{').ok);
  assert.ok(!parseManifest('{"version":2}').ok);
  assert.deepEqual(parseManifest(serializeManifest(parsed.manifest)), { ok: true, manifest: parsed.manifest, dropped: [] });
});

test('PE headers: x86, x64 and arm64 executables; anything else is unknown', () => {
  const pe = (machine: number) => {
    const b = new Uint8Array(0x100);
    b.set([0x4d, 0x5a]);
    b.set([0x80, 0, 0, 0], 0x3c);
    b.set([0x50, 0x45, 0, 0, machine & 0xff, machine >> 8], 0x80);
    return b;
  };
  assert.equal(peMachine(pe(0x014c)), 'x86');
  assert.equal(peMachine(pe(0x8664)), 'x64');
  assert.equal(peMachine(pe(0xaa64)), 'arm64');
  assert.equal(peMachine(new TextEncoder().encode('#!/usr/bin/env node\n'.padEnd(200))), undefined);
  assert.equal(peMachine(pe(0x1234)), undefined);
});

test('host paths: joined, compared and nested like NTFS paths, on any OS', () => {
  assert.equal(joinHost('C:\\site', '.\\logs\\python'), 'C:\\site\\logs\\python');
  assert.equal(joinHost('C:\\site\\', '..\\shared'), 'C:\\shared');
  assert.equal(joinHost('C:\\site', 'D:\\abs'), 'D:\\abs');
  assert.equal(joinHost('/srv/site', 'logs/x'), '/srv/site/logs/x');
  assert.equal(dirnameHost('C:\\site\\logs\\wfastcgi.log'), 'C:\\site\\logs');
  assert.equal(dirnameHost('C:\\x.log'), 'C:\\');
  assert.ok(samePath('c:/Site/', 'C:\\site'));
  assert.ok(isUnder('C:\\site\\venv', 'c:\\SITE'));
  assert.ok(!isUnder('C:\\site2', 'C:\\site'));
});
