#!/usr/bin/env tsx
/**
 * bvte-bench run <command…>: empties bench-results/, runs the command (the benches, each recording
 * its rows there), prints all the rows as one table with the machine they ran on, and exits with the
 * command's status: a failed bench still leaves the others' figures on screen.
 * bvte-bench report: prints that table from the rows recorded so far.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resultsDir } from "./index.ts";
import { report } from "./report.ts";

const [action, program, ...args] = process.argv.slice(2);
if (action === "run" && program) {
  rmSync(resultsDir, { recursive: true, force: true });
  const { status } = spawnSync(program, args, { stdio: "inherit" });
  process.stdout.write(await report());
  process.exit(status ?? 1);
} else if (action === "report") {
  process.stdout.write(await report());
} else {
  process.stderr.write("usage: bvte-bench run <command…> | bvte-bench report\n");
  process.exit(2);
}
