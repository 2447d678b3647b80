import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { FunctionProps } from "sst/constructs";

/**
 * How every service function is bundled (SST runs esbuild 0.18 with these settings):
 * - minified, ESM, `NODE_ENV` fixed to production so libraries drop their development
 *   builds (React's, pulled in by documents' PDF renderer, is several times larger);
 * - the AWS SDK v3 left to the Lambda runtime, which ships it (`sst/node/*` alone would
 *   otherwise inline @aws-sdk/client-ssm);
 * - code splitting, so a dynamic `import()` becomes a chunk loaded on first use: the
 *   module-init of a cold start parses only what every request needs (Stripe, the PDF
 *   renderer and the like load when a route first calls them; `npm run bench` lists what
 *   each function loads at init and what it loads later).
 */
export function serviceBundling(): NonNullable<FunctionProps["nodejs"]> {
  return {
    format: "esm",
    minify: true,
    splitting: true,
    esbuild: {
      external: ["@aws-sdk/*"],
      define: { "process.env.NODE_ENV": '"production"' },
      plugins: [pdfkitStandardFonts, electrodbModelsCheckedInTests, writeMetafile],
    },
  };
}

type Plugin = NonNullable<NonNullable<NonNullable<FunctionProps["nodejs"]>["esbuild"]>["plugins"]>[number];

/**
 * pdfkit's ESM build loads the 14 standard PDF fonts through `createRequire(import.meta.url)`
 * and its package's `#standard-fonts/*` import map. Bundled, `import.meta.url` is the
 * handler file, so the lookup fails at run time ("Cannot find module
 * '#standard-fonts/Helvetica'"): every PDF render would fail in Lambda. Turned into plain
 * `require(...)` calls, esbuild resolves them through that import map and bundles the font
 * metrics (~50 KB for all 14), still evaluated only when a font is first used.
 */
const pdfkitStandardFonts: Plugin = {
  name: "pdfkit-standard-fonts",
  setup(build) {
    build.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const contents = source.replace(/\brequire\$1\((['"]#standard-fonts\/\w+['"])\)/g, "require($1)");
      if (contents === source) throw new Error("pdfkit-standard-fonts: pdfkit no longer loads its fonts through require$1; re-check the bundling fix");
      return { contents, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

/**
 * ElectroDB checks every entity's model against a JSON schema (the `jsonschema` package)
 * when the entity is constructed, i.e. at import: the largest single cost of a cold start
 * (~100 ms of CPU for the ~30 entities a service builds) and 30 KB of bundle. Our models
 * are constants, checked by that same code in every unit and route test, so the deployed
 * bundle skips the check: the validator becomes a stub that finds nothing wrong.
 * `testModel` (how a Service tells a model from an Entity when joining) is kept exact: an
 * ElectroDB instance carries `_instance` and is never a model, which is what the real
 * check answered for every entity of ours.
 */
const electrodbModelsCheckedInTests: Plugin = {
  name: "electrodb-models-checked-in-tests",
  setup(build) {
    build.onLoad({ filter: /[\\/]electrodb[\\/]src[\\/]validations\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const contents = source
        .replace(
          'const Validator = require("jsonschema").Validator;',
          "const Validator = class { addSchema() {} validate() { return { errors: [] }; } }; Validator.prototype.customFormats = {};",
        )
        .replace("function testModel(model) {", 'function testModel(model) {\n  if (model && model._instance !== undefined) return [false, "an ElectroDB instance"];');
      if (!contents.includes("class { addSchema") || !contents.includes("an ElectroDB instance")) {
        throw new Error("electrodb-models-checked-in-tests: electrodb/src/validations.js changed; re-check the bundling stub");
      }
      return { contents, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

/**
 * With `MAS_BUNDLE_METAFILES=<dir>` set (the bundle-size bench sets it), each build's
 * esbuild metafile is written there as `<service>.json`, so the bench can say which
 * packages make up each bundle and which of them load at init. Never written into the
 * asset itself, so nothing extra is uploaded.
 */
const writeMetafile: Plugin = {
  name: "write-metafile",
  setup(build) {
    const dir = process.env.MAS_BUNDLE_METAFILES;
    if (!dir) return;
    build.initialOptions.metafile = true;
    const entries = build.initialOptions.entryPoints;
    const entry = Array.isArray(entries) ? String(entries[0]) : "";
    // packages/services/<name>/src/handler.ts → <name>
    const name = relative(resolve("packages/services"), resolve(entry)).split(/[\\/]/)[0] || basename(entry);
    build.onEnd((result) => {
      if (!result.metafile) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(result.metafile));
    });
  },
};
