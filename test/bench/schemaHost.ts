import { PROFILE_TEXTS } from '../../src/core/schema/profileTexts';

/** A host-sized schema file (~100 KB, like IIS_schema.xml): the profiles' sections repeated under new names. */
export function hostSizedSchema(bytes = 100 * 1024): string {
  const bodies = Object.values(PROFILE_TEXTS).map((t) => t.slice(t.indexOf('<configSchema'))).map((t) => t.replace(/^<configSchema[^>]*>/, '').replace(/<\/configSchema>\s*$/, ''));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const body = bodies[i % bodies.length]!.replace(/ flaskIis:[A-Za-z]+="[^"]*"/g, '').replace(/name="(system\.webServer|appSettings|connectionStrings|webFarms)/g, `name="copy${i}/$1`);
    parts.push(body);
    size += body.length;
  }
  return `<configSchema>${parts.join('\n')}</configSchema>`;
}
