// Builds the dashboard page into ../wwwroot: the bundle (SignalR client, Chart.js, Cytoscape.js and the page's own
// code) and its stylesheet, minified, with nothing loaded from elsewhere at run time.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";

const out = new URL("../wwwroot/", import.meta.url);
await mkdir(new URL("assets/", out), { recursive: true });
await build({
  entryPoints: ["src/app.js", "src/app.css"],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  outdir: new URL("assets/", out).pathname,
  legalComments: "linked",
  logLevel: "info",
});
await copyFile(new URL("index.html", import.meta.url), new URL("index.html", out));
