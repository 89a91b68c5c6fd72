#!/usr/bin/env tsx
// bvte-content-check [dir] [--stats]: validates every course module under dir (default: cwd).
import { checkContent, formatDiagnostic, formatStats } from "../node/index.ts";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg.startsWith("-") && arg !== "--stats");
const dirs = args.filter((arg) => !arg.startsWith("-"));
if (unknown.length > 0 || dirs.length > 1) {
  console.error("usage: bvte-content-check [content-dir] [--stats]");
  process.exit(2);
}

const { diagnostics, stats } = await checkContent(dirs[0] ?? ".");
if (args.includes("--stats")) console.log(formatStats(stats));
for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic));
if (diagnostics.length > 0) {
  console.error(`\n${diagnostics.length} content error${diagnostics.length === 1 ? "" : "s"}`);
  process.exit(1);
}
console.log(`content ok: ${stats.length} module${stats.length === 1 ? "" : "s"}`);
