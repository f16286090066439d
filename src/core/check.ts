/** The web.config check: scan, model, every rule; findings sorted by position. Never throws. */
import type { Finding } from './findings';
import { buildWebConfig, type WebConfig } from './model/webConfig';
import { djangoSettings, externalSource, misspelledAppSettings, ptvsdSecret } from './rules/appSettingsRules';
import { duplicateEntries } from './rules/collectionRules';
import { createContext, FindingCollector, type CheckOptions, type Rule } from './rules/context';
import { fastCgiSection, handlerMissing, mixedBridge, resourceType, rewriteRequired, wsgiHandlerMissing } from './rules/handlerRules';
import { handlersLocked, modulesInstalled, scriptProcessorRegistered } from './rules/hostRules';
import { devServer, platformPort } from './rules/httpPlatformRules';
import { placeholders } from './rules/placeholderRules';
import { wsgiHandlerResolution } from './rules/pythonHandlerRules';
import { appRunAtImport, pythonPathNotFound, venvNotUsed } from './rules/pythonProjectRules';
import { scriptProcessorEnvironment, scriptProcessorShape } from './rules/scriptProcessorRules';
import { pythonPathSeparators, restartRegex, wsgiHandlerSyntax } from './rules/settingRules';
import { staticFilesThroughPython } from './rules/staticFilesRules';
import { declaration, scannerProblems, sizeLimit, typographicValues } from './rules/xmlRules';
import { decodeBytes } from './text/decode';
import { scanXml } from './xml/scanner';

export type { CheckOptions, InstalledModules, ProjectFiles } from './rules/context';

const RULES: Rule[] = [
  scannerProblems, declaration, typographicValues, sizeLimit,
  misspelledAppSettings, externalSource, duplicateEntries, placeholders,
  handlerMissing, wsgiHandlerMissing, wsgiHandlerSyntax,
  scriptProcessorShape, scriptProcessorEnvironment, resourceType, fastCgiSection, mixedBridge, rewriteRequired,
  pythonPathSeparators, restartRegex, ptvsdSecret, djangoSettings,
  platformPort, devServer,
  scriptProcessorRegistered, handlersLocked, modulesInstalled,
  wsgiHandlerResolution, pythonPathNotFound, venvNotUsed, staticFilesThroughPython, appRunAtImport,
];

export interface CheckResult {
  text: string;
  model: WebConfig;
  findings: Finding[];
  /** Rules that failed on this input (a bug of ours, never the user's): reported to the log, not the user. */
  internalErrors: string[];
}

export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  const model = buildWebConfig(scanXml(text));
  const collector = new FindingCollector();
  const internalErrors: string[] = [];
  const ctx = createContext(model, options, collector);
  for (const rule of RULES) {
    try {
      rule(ctx);
    } catch (e) {
      internalErrors.push(`${rule.name || 'rule'}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
  const findings = collector.finish();
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, model, findings, internalErrors };
}

export function checkBytes(bytes: Uint8Array, options: CheckOptions = {}): CheckResult {
  const decoded = decodeBytes(bytes);
  if (decoded.binary) {
    const model = buildWebConfig(scanXml(''));
    const finding: Finding = { code: 'xml-malformed', severity: 'error', start: 0, end: 0, messageKey: 'xml.binary', args: {}, related: [] };
    return { text: '', model, findings: [finding], internalErrors: [] };
  }
  return checkText(decoded.text, { ...options, encoding: decoded.encoding });
}
