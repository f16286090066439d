/**
 * The bundled profiles' XML text (schema/profiles/*.xml, bundled as text). Only the build step that precompiles
 * them (scripts/profileData.ts), the tests and the benchmark import this: at run time the core reads the
 * precompiled data (profiles.ts), so the XML is not in the extension's bundle.
 */
import ARR from '../../../schema/profiles/arr.xml';
import ASPNETCORE from '../../../schema/profiles/aspnetcore-v2.xml';
import FX from '../../../schema/profiles/fx.xml';
import HPH12 from '../../../schema/profiles/httpplatform-v1.2.xml';
import HPH2 from '../../../schema/profiles/httpplatform-v2.xml';
import IIS from '../../../schema/profiles/iis.xml';
import REWRITE from '../../../schema/profiles/rewrite.xml';

/** In the order the profiles are loaded (a later file's definition of a section merges into an earlier one). */
export const PROFILE_TEXTS: Record<string, string> = {
  'iis.xml': IIS, 'fx.xml': FX, 'rewrite.xml': REWRITE, 'arr.xml': ARR,
  'httpplatform-v1.2.xml': HPH12, 'httpplatform-v2.xml': HPH2, 'aspnetcore-v2.xml': ASPNETCORE,
};
