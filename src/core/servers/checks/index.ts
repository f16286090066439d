/** `check` for the other deployment systems: the files of a folder (entries, server configs, Python) in, reports out. */
import { checkEntries } from './entries';
import { checkFcgiext } from './fcgiext';
import { checkProxies } from './proxies';
import { kindOf, Reporter, type ServerCheckInput, type ServerReport } from './types';

export { kindOf, type ServerCheckInput, type ServerFile, type ServerFileKind, type ServerReport } from './types';
export { addressKey } from './proxies';
export { stdoutWrites } from './entries';
export { argumentsRunner } from './fcgiext';

/** The reports of the deployment files among `input.files` (Python files are read for ProxyFix, reported only when a finding is there). */
export function checkServerFiles(input: ServerCheckInput): ServerReport[] {
  const r = new Reporter(input.files);
  checkEntries(input, r);
  checkProxies(input, r);
  checkFcgiext(input, r);
  return [...r.reports.values()].filter((rep) => {
    const kind = kindOf({ path: rep.path, text: rep.text });
    return kind !== undefined && (kind !== 'python' || rep.findings.length > 0);
  });
}
