// Compile Safeboard's stylesheet from GOV.UK Frontend's Sass and copy the scripts it needs.
import { compile } from "sass";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "assets", "build");
const modules = join(root, "node_modules");
mkdirSync(join(out, "images"), { recursive: true });

const css = compile(join(root, "assets", "src", "safeboard.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "safeboard.css"), css.css);

copyFileSync(join(modules, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"),
  join(out, "govuk-frontend.min.js"));
copyFileSync(join(modules, "htmx.org", "dist", "htmx.min.js"), join(out, "htmx.min.js"));
copyFileSync(join(root, "assets", "src", "images", "favicon.svg"), join(out, "images", "favicon.svg"));
copyFileSync(join(root, "assets", "src", "init.js"), join(out, "init.js"));
copyFileSync(join(root, "assets", "src", "api-docs.css"), join(out, "api-docs.css"));
console.log("assets built in", out);
