// Module resolution hooks for Decap's ESM builds (dist/esm/), which are
// written for a bundler: Decap's own packages are taken from their
// `module` entry (their `main` is a browser bundle), files imported
// without their `.js` ending (their own, `lodash/isFunction`) are found.
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

// What the schema's module needs of lib/i18n.js is its two enums; the
// entry paths it computes with the reducers (the whole editor's state,
// React included) are never called here.
const REDUCERS_STUB = "data:text/javascript,export function selectEntrySlug() {}";

export async function resolve(specifier, context, next) {
  if (specifier === "../reducers/collections" && context.parentURL?.endsWith("/decap-cms-core/dist/esm/lib/i18n.js")) {
    return { url: REDUCERS_STUB, shortCircuit: true };
  }
  if (/^decap-cms-[a-z-]+$/.test(specifier)) {
    const manifest = await next(`${specifier}/package.json`, context);
    const { module } = JSON.parse(fs.readFileSync(new URL(manifest.url), "utf8"));
    if (module) return { url: new URL(module, manifest.url).href, shortCircuit: true };
  }
  try {
    return await next(specifier, context);
  } catch (error) {
    const missing = ["ERR_MODULE_NOT_FOUND", "ERR_UNSUPPORTED_DIR_IMPORT"].includes(error.code);
    if (!missing || /\.(m|c)?js$|\.json$/.test(specifier)) throw error;
    for (const ending of [".js", "/index.js"]) {
      try {
        return await next(specifier + ending, context);
      } catch {}
    }
    throw error;
  }
}

// CommonJS files imported by name (`import { map } from "lodash/fp"`),
// whose names Node cannot find without running them: run them with
// `require` and export what they hold.
export async function load(url, context, next) {
  const loaded = await next(url, context);
  if (loaded.format !== "commonjs" || !url.includes("/node_modules/")) return loaded;
  const path = fileURLToPath(url);
  const names = Object.keys(createRequire(url)(path)).filter((name) => name !== "default");
  const lines = [
    `import { createRequire } from "node:module";`,
    `const m = createRequire(${JSON.stringify(url)})(${JSON.stringify(path)});`,
    `export default m;`,
    ...names.map((name, i) => `const v${i} = m[${JSON.stringify(name)}]; export { v${i} as ${JSON.stringify(name)} };`),
  ];
  return { format: "module", source: lines.join("\n"), shortCircuit: true };
}
