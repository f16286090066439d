/** The web.config check: scan, model, every rule; findings sorted by position. Never throws. */
import type { Finding } from './findings';
import { buildWebConfig, type WebConfig } from './model/webConfig';
import { djangoSettings, externalSource, misspelledAppSettings, ptvsdSecret } from './rules/appSettingsRules';
import { duplicateEntries } from './rules/collectionRules';
import { createContext, FindingCollector, type CheckOptions, type Rule, type RuleContext } from './rules/context';
import { djangoSettingsModule, virtualenvProxy } from './rules/environmentRules';
import { emptyLocation, handlerRemoveUnmatched, rewriteNeverMatches } from './rules/exclusionRules';
import { fastCgiSection, handlerMissing, handlerUnreachable, mixedBridge, resourceType, rewriteRequired, wsgiHandlerMissing } from './rules/handlerRules';
import { pythonCgiHandler } from './rules/cgiHandlerRules';
import { handlersLocked, modulesInstalled, scriptProcessorRegistered } from './rules/hostRules';
import { devServer, platformPort } from './rules/httpPlatformRules';
import { logInServedFolder } from './rules/logRules';
import { placeholders } from './rules/placeholderRules';
import { schemaElements } from './rules/schemaRules';
import { lockViolations } from './rules/lockRules';
import { httpErrorsDetailed, userProfilePaths } from './rules/productionRules';
import { wsgiHandlerResolution } from './rules/pythonHandlerRules';
import { appRunAtImport, pythonPathNotFound, venvNotUsed } from './rules/pythonProjectRules';
import { scriptProcessorEnvironment, scriptProcessorShape } from './rules/scriptProcessorRules';
import { pythonPathSeparators, restartRegex, wsgiHandlerSyntax } from './rules/settingRules';
import { staticFilesThroughPython } from './rules/staticFilesRules';
import { forwardedForPort, streamBuffered, websocketNotEnabled } from './rules/proxyAppRules';
import { forwardedProtoMissing, proxyHeadersTrust, serverVariableNotAllowed, targetNotLoopback } from './rules/proxyRules';
import { declaration, scannerProblems, sizeLimit, typographicValues } from './rules/xmlRules';
import { decodeBytes, windows1252Char, type DecodedText } from './text/decode';
import { scanXml } from './xml/scanner';
import type { XmlElement } from './xml/types';

export type { CheckOptions, InstalledModules, ParentConfig, ProjectFiles } from './rules/context';

export const RULES: Rule[] = [
  scannerProblems, declaration, typographicValues, sizeLimit,
  misspelledAppSettings, externalSource, duplicateEntries, placeholders,
  handlerMissing, wsgiHandlerMissing, wsgiHandlerSyntax,
  scriptProcessorShape, scriptProcessorEnvironment, resourceType, fastCgiSection, mixedBridge, rewriteRequired,
  pythonPathSeparators, restartRegex, ptvsdSecret, djangoSettings,
  platformPort, devServer,
  scriptProcessorRegistered, handlersLocked, modulesInstalled,
  wsgiHandlerResolution, pythonPathNotFound, venvNotUsed, staticFilesThroughPython, appRunAtImport,
  handlerUnreachable, handlerRemoveUnmatched, pythonCgiHandler, emptyLocation, rewriteNeverMatches,
  httpErrorsDetailed, userProfilePaths, djangoSettingsModule, virtualenvProxy,
  logInServedFolder,
  forwardedProtoMissing, serverVariableNotAllowed, targetNotLoopback, proxyHeadersTrust, streamBuffered, websocketNotEnabled, forwardedForPort,
  schemaElements, lockViolations,
];

/** Rules that report what the scanner saw; the others judge values, and not values recovered from a broken tag. */
const SCANNER_RULES = new Set<Rule>([scannerProblems, declaration, sizeLimit]);

/**
 * The context for the rules that judge values: a finding inside a start tag that is not well-formed is dropped
 * (its attributes were recovered, not read: one problem, one finding, the xml-malformed one).
 */
function outsideMalformedTags(ctx: RuleContext): RuleContext {
  const broken: XmlElement[] = ctx.model.doc.elements.filter((el) => el.malformed);
  if (!broken.length) return ctx;
  const inside = (offset: number): boolean => {
    let lo = 0;
    let hi = broken.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const el = broken[mid]!;
      if (offset < el.start) hi = mid - 1;
      else if (offset >= el.openEnd) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return { ...ctx, report: (code, start, ...rest) => (inside(start) ? undefined : ctx.report(code, start, ...rest)) };
}

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
  const semantic = outsideMalformedTags(ctx);
  for (const rule of RULES) {
    try {
      rule(SCANNER_RULES.has(rule) ? ctx : semantic);
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
  const result = checkText(decoded.text, { ...options, encoding: decoded.encoding });
  if (decoded.invalidUtf8) result.findings = withInvalidUtf8(result.findings, decoded.invalidUtf8);
  return result;
}

/**
 * Bytes that are not UTF-8 (a file saved as ANSI): an error at the first one, in the decoded text where the
 * decoder put U+FFFD. Only a check of the bytes (the CLI) sees this: an editor only has the decoded text.
 */
function withInvalidUtf8(findings: Finding[], bad: NonNullable<DecodedText['invalidUtf8']>): Finding[] {
  const byte = '0x' + bad.byte.toString(16).toUpperCase().padStart(2, '0');
  const finding: Finding = {
    code: 'xml-malformed', severity: 'error', start: bad.offset, end: bad.offset + 1, messageKey: 'xml.invalidUtf8',
    args: { byte, char: windows1252Char(bad.byte), count: bad.count }, related: [],
  };
  const at = findings.findIndex((f) => f.start > bad.offset);
  return at < 0 ? [...findings, finding] : [...findings.slice(0, at), finding, ...findings.slice(at)];
}
