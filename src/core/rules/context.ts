/** What every rule receives, and how it reports. */
import { CODES, type Code, type Severity } from '../codes';
import type { Finding, RelatedLocation } from '../findings';
import type { AppHostConfig } from '../host/appHost';
import type { MessageArgs, MessageKey } from '../messages';
import { buildWebConfig, type WebConfig } from '../model/webConfig';
import type { PyRegexError } from '../pyregex';
import type { PythonSupport } from '../python/moduleCache';
import type { SiteContext } from '../schema/sitePath';
import type { Schema } from '../schema/types';
import type { Encoding } from '../text/decode';
import { LineIndex } from '../text/lineIndex';
import { scanXml } from '../xml/scanner';
import type { XmlAttribute, XmlElement } from '../xml/types';

/** Read-only access to the files next to the web.config (the application folder). Never throws. */
export interface ProjectFiles {
  /** Text of a file relative to the application folder (`/` or `\` separators), or undefined. */
  readText(relativePath: string): string | undefined;
  /**
   * The Python-aware checks also need these. Paths are relative to the application folder (they may start
   * with `../`) or, only when `windowsPaths`, absolute Windows paths.
   */
  isFile?(path: string): boolean;
  isDirectory?(path: string): boolean;
  /** A folder's entries (capped; broken links and link loops left out), or undefined when it is no readable folder. */
  listDir?(path: string): DirEntry[] | undefined;
  /** A token that changes whenever the file changes (mtime and size), for caches; undefined when there is no such file. */
  version?(path: string): string | undefined;
  /**
   * readText and version from one read: the version of exactly the bytes read (one file lookup fewer for a cache
   * that parses what it has not seen). The version is undefined when the text is.
   */
  readVersioned?(path: string): { text: string | undefined; version: string | undefined };
  /** The absolute path, for related locations and links into other files. */
  absolute?(path: string): string | undefined;
  /** True where absolute Windows paths (C:\..., \\server\...) of the configuration can be looked up (on Windows). */
  windowsPaths?: boolean;
}

export interface DirEntry {
  name: string;
  kind: 'file' | 'dir';
  /** Reached through a symbolic link (walks over the whole project skip these: no loops, no duplicates). */
  link?: boolean;
}

export interface InstalledModules {
  interpreter: string;
  installed(name: string): boolean | undefined;
  /**
   * True when the interpreter that will run on the server (`interpreter`, scriptProcessor's python.exe) is not on
   * this machine: what it has installed cannot be known here, and no local Python is asked in its place.
   */
  unknown?: boolean;
}

export interface CheckOptions {
  /** The encoding the bytes were saved in, when known (the CLI knows it; an editor buffer may not). */
  encoding?: Encoding;
  /** The host's parsed applicationHost.config, when at hand. */
  appHost?: AppHostConfig;
  project?: ProjectFiles;
  /**
   * A real Python's verdict on a regular expression (null: it compiles; undefined: no opinion), used in
   * preference to the built-in Python-syntax checker.
   */
  regexVerdict?: (pattern: string) => PyRegexError | null | undefined;
  /**
   * A real interpreter's answer to "is this top-level module installed?" (importlib.util.find_spec; undefined:
   * not asked yet, or no answer). `interpreter` names it in the findings.
   */
  installedModules?: InstalledModules;
  /** An initialised Python parser and the module cache shared between checks; without it the Python-aware rules do not run. */
  python?: PythonSupport;
  /** The application folder's path on the server (`flaskIis.server.sitePath`, `--site-path`): server paths below it map to the project. */
  sitePath?: string;
  /**
   * The checked file's folder as an IIS configuration path (`Default Web Site/app`, schema/sitePath.ts), when known:
   * the host's `<location path="Site/app">` blocks and locks for it apply, and its applications bound
   * `inheritInChildApplications="false"`.
   */
  site?: SiteContext;
  /**
   * The web.config files of the parent folders IIS merges into this one (outermost first, nearest last). Given, the
   * checked file is judged as a sub-folder file: its handlers and settings come from these too.
   */
  parents?: ParentConfig[];
  /** The host's own configuration schema (`flaskIis.iis.schemaPath`, `--schema-dir`): exact, used instead of the profiles. */
  schema?: Schema;
  /** The target versions the bundled profiles describe (parseTarget's tokens); default: today's common server. */
  target?: string[];
}

export interface ParentConfig {
  /** Absolute path of the parent web.config (for messages and related locations). */
  path: string;
  text: string;
  /** The checked file's folder relative to this file's folder (`api/v1`, `/` separators): which of its <location> blocks apply. */
  below?: string;
}

export interface RuleContext {
  model: WebConfig;
  text: string;
  options: CheckOptions;
  /** Line positions of the checked text, computed on first use. */
  lines(): LineIndex;
  /** `severity` lowers (or raises) the code's default for this one finding, when the judgement depends on context. */
  report(code: Code, start: number, end: number, messageKey: MessageKey, args?: MessageArgs, related?: RelatedLocation[], severity?: Severity): void;
  /**
   * True once `code` has its MAX_FINDINGS_PER_CODE findings: a further one is only counted, so a rule may report
   * it without the costly parts of its message (a "did you mean" search), keeping huge files linear.
   */
  isFull(code: Code): boolean;
  /** The parents' models (outermost first), built on first use; empty when the file is not judged as a sub-folder file. */
  parents(): { path: string; text: string; model: WebConfig }[];
}

export type Rule = (ctx: RuleContext) => void;

/**
 * At most this many findings of one code are kept per check (in the order the rules report them, mostly
 * document order); the rest are counted and summarised by one check-truncated finding per code, so a huge
 * or adversarial file cannot produce a flood of findings (time and memory stay bounded, editors usable).
 */
export const MAX_FINDINGS_PER_CODE = 1000;

/** The findings of one check, capped per code. */
export class FindingCollector {
  readonly findings: Finding[] = [];
  private readonly counts = new Map<Code, number>();
  private readonly dropped = new Map<Code, { count: number; start: number; end: number }>();

  add(finding: Finding): void {
    const n = this.counts.get(finding.code) ?? 0;
    if (n < MAX_FINDINGS_PER_CODE) {
      this.counts.set(finding.code, n + 1);
      this.findings.push(finding);
      return;
    }
    this.drop(finding.code, finding.start, finding.end);
  }

  /** Counts a finding past the cap of its code (only the first one's range is kept, for the summary). */
  drop(code: Code, start: number, end: number): void {
    const d = this.dropped.get(code);
    if (d) d.count++;
    else this.dropped.set(code, { count: 1, start, end });
  }

  /** True when further findings of `code` are only counted. */
  isFull(code: Code): boolean {
    return (this.counts.get(code) ?? 0) >= MAX_FINDINGS_PER_CODE;
  }

  /** The kept findings and, per capped code, one summary at the first finding left out. */
  finish(): Finding[] {
    for (const [code, { count, start, end }] of this.dropped) {
      this.findings.push({
        code: 'check-truncated', severity: CODES['check-truncated'], start, end,
        messageKey: 'check.moreFindings', args: { count, code, shown: MAX_FINDINGS_PER_CODE }, related: [],
      });
    }
    this.dropped.clear();
    return this.findings;
  }
}

export function createContext(model: WebConfig, options: CheckOptions, out: FindingCollector): RuleContext {
  let lines: LineIndex | undefined;
  let parents: { path: string; text: string; model: WebConfig }[] | undefined;
  return {
    model,
    text: model.doc.text,
    options,
    lines: () => (lines ??= new LineIndex(model.doc.text)),
    report(code, start, end, messageKey, args, related, severity) {
      if (out.isFull(code)) out.drop(code, start, end); // past the cap: counted, nothing built
      else out.add({ code, severity: severity ?? CODES[code], start, end, messageKey, args: args ?? {}, related: related ?? [] });
    },
    isFull(code) {
      return out.isFull(code);
    },
    parents: () => (parents ??= (options.parents ?? []).map((p) => ({ ...p, model: buildWebConfig(scanXml(p.text)) }))),
  };
}

/** The span of an attribute's value (without quotes); an empty value gets the span of its quotes. */
export function valueSpan(a: XmlAttribute): { start: number; end: number } {
  return a.valueEnd > a.valueStart ? { start: a.valueStart, end: a.valueEnd } : { start: a.valueStart - 1, end: a.valueEnd + 1 };
}

export function nameSpan(el: XmlElement): { start: number; end: number } {
  return { start: el.nameStart, end: el.nameEnd };
}

export function attrSpan(a: XmlAttribute): { start: number; end: number } {
  return { start: a.nameStart, end: a.valueEnd + 1 };
}
