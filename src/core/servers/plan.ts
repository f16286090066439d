/** The files of one deployment target, from the same options for every target. */
import type { PlannedFile } from '../scaffold/plan';
import { cgiFileName, fcgiFileName, renderCgiHtaccess, renderCgiVhost, renderFcgidVhost, renderModWsgiVhost, renderModWsgiWindowsVhost, wsgiFileName } from './apache';
import { renderCgiFile, renderFcgiFile, renderProxiedModule, renderWsgiFile } from './entry';
import { renderServerGuide } from './guide';
import {
  fcgiUnitName, gunicornUnitName, PROXIED_MODULE, renderFastcgiNginx, renderFcgiUnit, renderGunicornNginx, renderGunicornUnit, renderLighttpd,
  renderUwsgiIni, renderUwsgiNginx, renderUwsgiUnit, uwsgiUnitName,
} from './nginx';
import type { ServerDeployOptions } from './options';

/** A planned file the server executes (mode 755 where the file system has modes). */
export const EXECUTABLE = 0o755;

export function planServerDeployment(o: ServerDeployOptions): PlannedFile[] {
  const d = `deploy/${o.target}`;
  const files: PlannedFile[] = (() => {
    switch (o.target) {
      case 'mod_wsgi':
        return [
          { path: wsgiFileName(o), content: renderWsgiFile(o) },
          { path: `${d}/apache-site.conf`, content: renderModWsgiVhost(o) },
          { path: `${d}/apache-site-windows.conf`, content: renderModWsgiWindowsVhost(o) },
        ];
      case 'gunicorn-nginx':
        return [
          { path: `${PROXIED_MODULE}.py`, content: renderProxiedModule(o) },
          { path: `${d}/${gunicornUnitName(o)}`, content: renderGunicornUnit(o) },
          { path: `${d}/nginx-site.conf`, content: renderGunicornNginx(o) },
        ];
      case 'uwsgi-nginx':
        return [
          { path: wsgiFileName(o), content: renderWsgiFile(o) },
          { path: `${d}/uwsgi.ini`, content: renderUwsgiIni(o) },
          { path: `${d}/${uwsgiUnitName(o)}`, content: renderUwsgiUnit(o) },
          { path: `${d}/nginx-site.conf`, content: renderUwsgiNginx(o) },
        ];
      case 'fastcgi-flup':
        return [
          { path: fcgiFileName(o), content: renderFcgiFile(o), mode: EXECUTABLE },
          { path: `${d}/${fcgiUnitName(o)}`, content: renderFcgiUnit(o) },
          { path: `${d}/lighttpd.conf`, content: renderLighttpd(o) },
          { path: `${d}/nginx-site.conf`, content: renderFastcgiNginx(o) },
          { path: `${d}/apache-fcgid.conf`, content: renderFcgidVhost(o) },
        ];
      case 'cgi':
        return [
          { path: cgiFileName(o), content: renderCgiFile(o), mode: EXECUTABLE },
          { path: `${d}/apache-cgi.conf`, content: renderCgiVhost(o) },
          { path: `${d}/htaccess`, content: renderCgiHtaccess(o) },
        ];
    }
  })();
  return [...files, { path: `${d}/DEPLOY.md`, content: renderServerGuide(o) }];
}

/** requirements.txt of a new project served by `target`. */
export function renderServerRequirements(o: Pick<ServerDeployOptions, 'target'>): string {
  const extra = o.target === 'gunicorn-nginx' ? ['gunicorn>=20.1'] : o.target === 'fastcgi-flup' ? ['flup>=1.0.3'] : [];
  return ['flask>=2.2', ...extra, ''].join('\n');
}
