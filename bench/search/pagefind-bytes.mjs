// Counts the bytes a browser downloads to run each query with Pagefind's own search script, as a fresh page would:
// Pagefind's pagefind.js is loaded in Node with fetch answered from the export's files (their sizes as stored, which is
// what a server sends: Pagefind's index files are already compressed), a new instance per query, then the query is
// searched and the fragments of its first 20 results loaded (this site shows 20 a page).
// Usage: node pagefind-bytes.mjs SITE_FOLDER QUERIES_FILE  → one line per query: kind, bytes, files
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [site, queriesFile] = process.argv.slice(2);
const queries = (await readFile(queriesFile, "utf8")).trim().split("\n").map((line) => line.split("\t"));
let bytes = 0, files = 0;
globalThis.fetch = async (url) => {
  const file = path.join(site, new URL(url, "http://bench.local/").pathname);
  const body = await readFile(file);
  bytes += body.length;
  files += 1;
  return new Response(body, { status: 200 });
};
globalThis.window = globalThis;
globalThis.location = new URL("http://bench.local/");
for (const [index, [kind, query]] of queries.entries()) {
  const pagefind = await import(pathToFileURL(path.join(site, "pagefind", "pagefind.js")).href + `?fresh=${index}`);
  await pagefind.options({ basePath: "/pagefind/" });
  bytes = 0; files = 0;
  await pagefind.init();
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
  console.log(`${kind}\t${bytes}\t${files}\t${search.results.length}`);
}
