// Validates every document of the YAML files given on the command line against the Kubernetes API's schemas
// (the OpenAPI definitions compiled into kubernetes-models; no network). Prints one line per document and exits 1 if
// any is invalid, or is of a kind with no schema here unless --no-schema=Kind[,Kind] names it (custom resources).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const allowed = new Set(args.filter(a => a.startsWith("--no-schema=")).flatMap(a => a.slice(12).split(",")));
const files = args.filter(a => !a.startsWith("--"));
if (files.length === 0) {
  console.error("usage: node validate.mjs [--no-schema=Kind,...] <manifest.yaml>...");
  process.exit(2);
}

// apiVersion "apps/v1" lives in kubernetes-models/apps/v1, "v1" in kubernetes-models/v1.
async function modelFor(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

let failed = 0;
for (const file of files) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [index, document] of documents.entries()) {
    const where = `${file}#${index}`;
    if (document.errors.length > 0) {
      console.log(`INVALID ${where}: YAML: ${document.errors[0].message}`);
      failed++;
      continue;
    }

    const object = document.toJS();
    if (object === null || object === undefined) {
      continue;
    }

    const { apiVersion, kind } = object;
    const name = object.metadata?.name ?? "(no name)";
    if (typeof apiVersion !== "string" || typeof kind !== "string") {
      console.log(`INVALID ${where}: apiVersion and kind are required`);
      failed++;
      continue;
    }

    const Model = await modelFor(apiVersion, kind);
    if (Model === undefined) {
      if (allowed.has(kind)) {
        console.log(`NOSCHEMA ${where}: ${apiVersion} ${kind} ${name} (a custom resource, not checked here)`);
      } else {
        console.log(`INVALID ${where}: no Kubernetes schema for ${apiVersion} ${kind} (${name})`);
        failed++;
      }
      continue;
    }

    try {
      new Model(object).validate();
      console.log(`VALID ${where}: ${apiVersion} ${kind} ${name}`);
    } catch (error) {
      console.log(`INVALID ${where}: ${apiVersion} ${kind} ${name}: ${error.message}`);
      failed++;
    }
  }
}

process.exit(failed === 0 ? 0 : 1);
