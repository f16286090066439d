/** Schema profiles are bundled as text (esbuild's `text` loader for .xml, see scripts/build.mjs). */
declare module '*.xml' {
  const text: string;
  export default text;
}
