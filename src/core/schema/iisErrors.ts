/**
 * What IIS itself says on its HTTP 500.19 page ("Error Code", "Config Error") for each kind of schema finding, so
 * a finding carries IIS's own wording and HRESULT (message arguments `hresult` and `iisText`; the CLI's JSON shows
 * them as `iis`). Texts are copied only where a published 500.19 page shows them; where none was found the text is
 * left out and only the HRESULT of IIS's configuration errors is given.
 *
 * Sources (500.19 pages quoted in public issues):
 * - 0x8007000d "Unrecognized attribute 'removeServerHeader'": ironmansoftware/universal-dashboard#719
 *   (IIS 8.5; also projectkudu/kudu#3108). ASP.NET's own parser adds ". Note that attribute names are
 *   case-sensitive." (its "Parser Error Message"), IIS's page does not.
 * - 0x8007000d "Unrecognized element 'rewrite'": the failure catalogue (#21: URL Rewrite not installed).
 * - 0x80070032 "The configuration section 'standardEndpoints' cannot be read because it is missing a section
 *   declaration": tjanczuk/iisnode#107.
 * - 0x80070021 "This configuration section cannot be used at this path. This happens when the section is locked at
 *   a parent level. ...": tjanczuk/iisnode#54, unosquare/passcore#42, port135.com.
 * Not found in any published page: the wording for a value of the wrong type or out of range and for a missing
 * required attribute (0x8007000d is ERROR_INVALID_DATA, the code of IIS's configuration data errors).
 */
import type { MessageArgs } from '../messages';

export const HRESULT_INVALID_DATA = '0x8007000d';
export const HRESULT_LOCK_VIOLATION = '0x80070021';
export const HRESULT_NO_DECLARATION = '0x80070032';

const LOCKED_TEXT = 'This configuration section cannot be used at this path. This happens when the section is locked at a parent level. '
  + 'Locking is either by default (overrideModeDefault="Deny"), or set explicitly by a location tag with overrideMode="Deny" or the legacy allowOverride="false".';

export type IisErrorKind = 'attribute' | 'element' | 'section' | 'locked' | 'value' | 'required';

/** The `hresult` and (where known) `iisText` arguments of a finding of this kind. */
export function iisError(kind: IisErrorKind, name = ''): MessageArgs {
  switch (kind) {
    case 'attribute':
      return { hresult: HRESULT_INVALID_DATA, iisText: `Unrecognized attribute '${name}'` };
    case 'element':
      return { hresult: HRESULT_INVALID_DATA, iisText: `Unrecognized element '${name}'` };
    case 'section':
      return { hresult: HRESULT_NO_DECLARATION, iisText: `The configuration section '${name}' cannot be read because it is missing a section declaration` };
    case 'locked':
      return { hresult: HRESULT_LOCK_VIOLATION, iisText: LOCKED_TEXT };
    case 'value':
    case 'required':
      return { hresult: HRESULT_INVALID_DATA };
  }
}
