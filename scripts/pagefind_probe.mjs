// Runs a site's own pagefind.js under Node with a fetch that reads the bundle's files and
// counts their bytes: what a browser downloads for one query, and what the query returns.
//   node pagefind_probe.mjs BUNDLE_DIR TERM TOP_N [--filters] [--data]
// --filters  load every filter first, as Pagefind's default UI does to show its filter panel
// --data     print the top N results' url, score, title, excerpt and filters, and the filters'
//            counts (the equivalence test compares these between two bundles)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, term, topN] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const flags = new Set(process.argv.slice(5));
const loaded = {};
globalThis.fetch = async (url) => {
  const rel = String(url).replace(/^.*?\/pagefind\//, "").replace(/\?.*$/, "");
  const data = await readFile(path.join(dir, rel));
  loaded[rel] = data.length;
  const body = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  return { ok: true, status: 200, arrayBuffer: async () => body,
           json: async () => JSON.parse(data.toString("utf8")), text: async () => data.toString("utf8") };
};
const pagefind = await import(pathToFileURL(path.join(dir, "pagefind.js")).href);
await pagefind.options({ basePath: "/pagefind/" });
await pagefind.init();
const allFilters = flags.has("--filters") ? await pagefind.filters() : null;
const search = await pagefind.search(term);
const top = await Promise.all(search.results.slice(0, topN).map((r) => r.data()));
const out = { results: search.results.length, top: top.map((d) => d.url), loaded };
if (flags.has("--data")) {
  out.data = top.map((d, i) => ({ url: d.url, score: Number(search.results[i].score.toFixed(6)),
                                  title: d.meta.title, excerpt: d.excerpt, filters: d.filters,
                                  words: d.word_count }));
  out.filters = search.filters;
  out.allFilters = allFilters;
}
console.log(JSON.stringify(out));
