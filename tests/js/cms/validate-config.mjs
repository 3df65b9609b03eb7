// Validates editor configurations (admin/config.yml) with Decap CMS's own
// validator: `validateConfig` of decap-cms-core, with the JSON Schema of
// every widget decap-cms-app registers (their packages' `schema.js`):
//
//   node tests/js/cms/validate-config.mjs <config.yml>...
//
// Prints one JSON object: { "<file>": null | "<Decap's error message>" }.

import fs from "node:fs";
import { register } from "node:module";

register("./extensionless.mjs", import.meta.url);

const { default: YAML } = await import("yaml");
const core = "decap-cms-core/dist/esm";
const { registerWidget } = await import(`${core}/lib/registry.js`);
const { validateConfig } = await import(`${core}/constants/configSchema.js`);

// The widgets decap-cms-app registers (decap-cms-app/dist/esm/extensions.js),
// by name, with the package holding each one's schema, if it has one.
const WIDGETS = {
  string: "string", number: "number", text: "text", image: "image", file: "file",
  select: "select", markdown: "markdown", richtext: "richtext", list: "list",
  object: "object", relation: "relation", boolean: "boolean", map: "map",
  datetime: "datetime", code: "code", color: "colorstring", uuid: "uuid",
};
for (const [name, pkg] of Object.entries(WIDGETS)) {
  let schema = {};
  const file = `decap-cms-widget-${pkg}/dist/esm/schema.js`;
  try {
    schema = (await import(file)).default;
  } catch (error) {
    if (error.code !== "ERR_MODULE_NOT_FOUND") throw error;
  }
  registerWidget({ name, controlComponent: () => null, previewComponent: () => null, schema });
}

const results = {};
for (const file of process.argv.slice(2)) {
  try {
    validateConfig(YAML.parse(fs.readFileSync(file, "utf8")));
    results[file] = null;
  } catch (error) {
    results[file] = String(error.message || error);
  }
}
process.stdout.write(JSON.stringify(results) + "\n");
