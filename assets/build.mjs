// Compile Safeboard's stylesheet from GOV.UK Frontend's Sass and copy the scripts it needs,
// then every file those name. Production serves static files through a manifest of hashed
// names, which `collectstatic` cannot write if a stylesheet or script names a file the
// build left out: so a reference found nowhere fails the build, not the deployment.
import { compile } from "sass";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "assets", "build");
const modules = join(root, "node_modules");
const govuk = join(modules, "govuk-frontend", "dist", "govuk");
const staticUrl = "/static/"; // Django's STATIC_URL, and the Sass's $govuk-assets-path
// Where a named file is looked for, by its path under the static address, in this order.
const sources = [join(root, "assets", "src"), join(govuk, "assets"), govuk];

const css = compile(join(root, "assets", "src", "safeboard.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "safeboard.css"), css.css);

const copies = {
  "govuk-frontend.min.js": join(govuk, "govuk-frontend.min.js"),
  "htmx.min.js": join(modules, "htmx.org", "dist", "htmx.min.js"),
  "images/favicon.svg": join(root, "assets", "src", "images", "favicon.svg"),
  "init.js": join(root, "assets", "src", "init.js"),
  "api-docs.css": join(root, "assets", "src", "api-docs.css"),
};
for (const [name, from] of Object.entries(copies)) copy(from, name);
for (const name of ["safeboard.css", ...Object.keys(copies)]) copyWhatItNames(name);
console.log("assets built in", out);

function copy(from, name) {
  mkdirSync(dirname(join(out, name)), { recursive: true });
  copyFileSync(from, join(out, name));
}

// The references `collectstatic` rewrites to hashed names: url() and @import in a
// stylesheet, the source map of a stylesheet or script.
function referencesIn(name) {
  const text = readFileSync(join(out, name), "utf8");
  const patterns = [/^\/[/*]# sourceMappingURL=(\S+?)(?: \*\/)?$/gm];
  if (name.endsWith(".css")) patterns.push(/url\(\s*["']?([^"')]+?)["']?\s*\)/g, /@import\s*["']([^"']+)["']/g);
  const found = patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]));
  return found.filter((url) => !/^(data:|#|[a-z]+:|\/\/)/i.test(url));
}

function staticPath(url, referrer) {
  const path = url.split(/[?#]/)[0];
  if (path.startsWith(staticUrl)) return path.slice(staticUrl.length);
  return posix.normalize(posix.join(posix.dirname(referrer), path));
}

function copyWhatItNames(name) {
  for (const url of referencesIn(name)) {
    const named = staticPath(url, name);
    if (existsSync(join(out, named))) continue;
    const from = sources.map((source) => join(source, named)).find((path) => existsSync(path));
    if (!from) {
      const looked = sources.map((source) => relative(root, source)).join(", ");
      throw new Error(`${name} names ${url}, which is in none of: ${looked}`);
    }
    copy(from, named);
    if (/\.(css|js)$/.test(named)) copyWhatItNames(named);
  }
}
