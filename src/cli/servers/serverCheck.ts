/** `flask-iis check DIR`: the deployment files of other servers (mod_wsgi, nginx + gunicorn/uWSGI, FastCGI, CGI) in the folders checked. */
import { statSync } from 'node:fs';
import type { PythonSupport } from '../../core/python';
import type { ServerReport } from '../../core/servers/checks';
import { checkServerFolder } from '../../node/servers/serverFiles';

export function serverReports(paths: string[], support: PythonSupport | undefined): ServerReport[] {
  const out: ServerReport[] = [];
  for (const p of paths) {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      continue;
    }
    if (dir) out.push(...checkServerFolder(p, support));
  }
  return out;
}
