/** Schema profiles are bundled as text (esbuild's `text` loader for .xml, see scripts/build.mjs). */
declare module '*.xml' {
  const text: string;
  export default text;
}

/** The profiles precompiled at build time (scripts/schemaProfiles.mjs): SchemaFileData[] as JSON text. */
declare module 'schema-profile-data' {
  const json: string;
  export default json;
}
