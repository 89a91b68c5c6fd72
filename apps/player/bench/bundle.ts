/**
 * Builds the player and prints what a learner's phone downloads: the JavaScript the first page
 * needs (the entry chunk and the static imports index.html loads with it), the largest lesson and
 * practice-quiz chunks, and everything the service worker precaches for offline use.
 * `npm run bench -w @bvte/player`; the figures go into `npm run bench`'s table.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { recordBench } from "@bvte/bench";
import { build } from "vite";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "bvte-player-bench-"));

try {
  await build({
    root,
    mode: "production",
    configLoader: "runner",
    logLevel: "silent",
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const bytes = (file: string) => readFileSync(join(outDir, file));
  const gzip = (file: string) => gzipSync(bytes(file)).length;

  // What index.html loads before the first paint: its module script and modulepreloads, plus
  // whatever those import statically (a dynamic import waits for a route or lesson to need it).
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  const initial = new Set(
    [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map(
      (match) => match[1] as string,
    ),
  );
  const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));
  for (const file of [...initial]) {
    const queue = [file];
    while (queue.length > 0) {
      const chunk = byFile.get(queue.pop() as string);
      for (const key of chunk?.imports ?? []) {
        const imported = manifest[key]?.file;
        if (imported && !initial.has(imported)) {
          initial.add(imported);
          queue.push(imported);
        }
      }
    }
  }
  const initialGzip = [...initial].reduce((sum, file) => sum + gzip(file), 0);
  const initialCss = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+)"/g)].reduce(
    (sum, match) => sum + gzip(match[1] as string),
    0,
  );

  const largest = (predicate: (chunk: ManifestChunk) => boolean) =>
    Object.values(manifest)
      .filter(predicate)
      .map((chunk) => ({ file: chunk.file, name: chunk.src ?? chunk.file, gzip: gzip(chunk.file) }))
      .toSorted((a, b) => b.gzip - a.gzip)[0];
  const lesson = largest((chunk) => chunk.src?.endsWith(".mdx") ?? false);
  const quizzes = largest((chunk) => chunk.src?.startsWith("virtual:bvte/quizzes/") ?? false);

  const sw = readFileSync(join(outDir, "sw.js"), "utf8");
  const precached = [...sw.matchAll(/url:"([^"]+)"/g)].map((match) => match[1] as string);
  const precacheBytes = precached.reduce((sum, url) => sum + statSync(join(outDir, url)).size, 0);
  const precacheGzip = precached.reduce((sum, url) => sum + gzip(url), 0);

  const short = (name: string) => name.replace(/^.*\/content\//, "").replace("virtual:bvte/", "");
  const kib = (measure: string, bytes: number, note: string) => ({
    layer: "player bundle",
    measure,
    value: bytes / 1024,
    unit: "KiB",
    decimals: 1,
    note,
  });
  recordBench("player-bundle", [
    kib("initial JavaScript (gzip)", initialGzip, `${initial.size} files`),
    kib("initial CSS (gzip)", initialCss, ""),
    kib("largest lesson chunk (gzip)", lesson?.gzip ?? 0, short(lesson?.name ?? "none")),
    kib("largest practice-quiz chunk (gzip)", quizzes?.gzip ?? 0, short(quizzes?.name ?? "none")),
    kib("precache, total", precacheBytes, `${precached.length} entries`),
    kib("precache, total (gzip)", precacheGzip, ""),
  ]);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
