// esbuild plugin: the virtual module `schema-profile-data` is the bundled profiles (schema/profiles/*.xml) read at
// build time by the runtime loader (src/core/schema/loader.ts, with fast-xml-parser) and encoded as compact JSON
// (src/core/schema/serialize.ts). The module's default export is that JSON text; the core JSON.parses it on first use.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the data depends on: the profiles and the loader's sources. */
function inputs(root) {
  return [
    ...readdirSync(join(root, 'schema/profiles')).map((f) => join(root, 'schema/profiles', f)),
    ...['loader.ts', 'serialize.ts', 'types.ts', 'profileTexts.ts'].map((f) => join(root, 'src/core/schema', f)),
    join(root, 'scripts/profileData.ts'),
  ];
}

let cached; // { stamp, json: Promise<string> }: the builds of one run share one generation; --watch regenerates on change

/** Runs scripts/profileData.ts (bundled in memory). */
function profileDataJson(root) {
  const stamp = inputs(root).map((f) => `${f}:${statSync(f).mtimeMs}`).join('|');
  if (cached?.stamp === stamp) return cached.json;
  const json = (async () => {
    const out = await esbuild.build({
      entryPoints: [join(root, 'scripts/profileData.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      write: false, loader: { '.xml': 'text' }, logLevel: 'warning', absWorkingDir: root,
    });
    const mod = { exports: {} };
    new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(join(root, 'package.json')));
    return mod.exports.profileDataJson();
  })();
  cached = { stamp, json };
  return json;
}

export function schemaProfilesPlugin(root) {
  return {
    name: 'schema-profile-data',
    setup(build) {
      build.onResolve({ filter: /^schema-profile-data$/ }, () => ({ path: 'schema-profile-data', namespace: 'schema-profile-data' }));
      build.onLoad({ filter: /.*/, namespace: 'schema-profile-data' }, async () => ({
        contents: `export default ${JSON.stringify(await profileDataJson(root))};`,
        loader: 'js',
        watchFiles: inputs(root),
      }));
    },
  };
}
