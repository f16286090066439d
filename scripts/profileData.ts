/**
 * Build step (run by scripts/schemaProfiles.mjs from scripts/build.mjs): the bundled profiles read by the same
 * loader as a host's schema files, as compact JSON for the `schema-profile-data` module.
 */
import { loadSchemaText } from '../src/core/schema/loader';
import { PROFILE_TEXTS } from '../src/core/schema/profileTexts';
import { encodeSchemaFiles } from '../src/core/schema/serialize';

export function profileDataJson(): string {
  const files = Object.entries(PROFILE_TEXTS).map(([name, text]) => loadSchemaText(text, name));
  const problems = files.flatMap((f) => f.problems);
  if (problems.length) throw new Error(`schema profiles: ${problems.join('; ')}`);
  return JSON.stringify(encodeSchemaFiles(files));
}
