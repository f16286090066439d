/** What every rule receives, and how it reports. */
import { CODES, type Code } from '../codes';
import type { Finding, RelatedLocation } from '../findings';
import type { AppHostConfig } from '../host/appHost';
import type { MessageArgs, MessageKey } from '../messages';
import type { WebConfig } from '../model/webConfig';
import type { PyRegexError } from '../pyregex';
import type { Encoding } from '../text/decode';
import { LineIndex } from '../text/lineIndex';
import type { XmlAttribute, XmlElement } from '../xml/types';

/** Read-only access to the files next to the web.config (the application folder). Never throws. */
export interface ProjectFiles {
  /** Text of a file relative to the application folder (`/` or `\` separators), or undefined. */
  readText(relativePath: string): string | undefined;
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
}

export interface RuleContext {
  model: WebConfig;
  text: string;
  options: CheckOptions;
  /** Line positions of the checked text, computed on first use. */
  lines(): LineIndex;
  report(code: Code, start: number, end: number, messageKey: MessageKey, args?: MessageArgs, related?: RelatedLocation[]): void;
}

export type Rule = (ctx: RuleContext) => void;

export function createContext(model: WebConfig, options: CheckOptions, out: Finding[]): RuleContext {
  let lines: LineIndex | undefined;
  return {
    model,
    text: model.doc.text,
    options,
    lines: () => (lines ??= new LineIndex(model.doc.text)),
    report(code, start, end, messageKey, args = {}, related = []) {
      out.push({ code, severity: CODES[code], start, end, messageKey, args, related });
    },
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
