import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./server-process.ts";

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Whether this machine can run a private cluster (CI installs postgresql-15; a laptop may not). */
export const postgresBinaries = existsSync(join(BIN, "initdb")) && existsSync(join(BIN, "pg_ctl"));

/** A throwaway PostgreSQL server that a test may stop, crash and restart under its clients' feet. */
export interface PgCluster {
  /** Connection string of the `postgres` database (trust authentication, TCP on 127.0.0.1). */
  url: string;
  /** A clean restart: `pg_ctl restart -m fast` ends every session and rolls back open transactions. */
  restart(): Promise<void>;
  /** A crash (`-m immediate`: no checkpoint, recovery from WAL at start), down for `downMs`. */
  crashAndStart(downMs: number): Promise<void>;
  /** Stops the server and deletes its files; safe to call twice and after a failed start. */
  dispose(): Promise<void>;
  /** The server's own log, for failure messages. */
  log(): string;
}

export async function startPgCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), "bvte-pg-"));
  // PostgreSQL refuses to run as root; CI and containers run tests as root, so the cluster then
  // belongs to the postgres account that the postgresql package creates.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", join(BIN, tool), ...args]] : [join(BIN, tool), args];
  const pg = (tool: string, args: string[]) => run(...command(tool, args));
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  const port = await freePort();
  // fsync off: the test crashes the server process, never the machine, so the operating system
  // still holds every write PostgreSQL made; synchronous_commit stays on, or a crash could
  // legitimately lose acknowledged commits still in PostgreSQL's own WAL buffers.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  // -l every time: without it a new postmaster writes to (and holds open) pg_ctl's own output.
  const ctl = (...args: string[]) => pg("pg_ctl", ["-D", data, "-l", logFile, "-w", "-t", "60", ...args]);
  const start = () => ctl("-o", options, "start");
  let disposed = false;
  // If the test process dies without running its cleanup, the postmaster must not outlive it.
  const orphaned = () => {
    try {
      execFileSync(...command("pg_ctl", ["-D", data, "-m", "immediate", "stop"]), { stdio: "ignore" });
    } catch {
      // Not running (any more): nothing to stop.
    }
  };
  process.once("exit", orphaned);
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await ctl("-m", "fast", "-o", options, "restart");
    },
    async crashAndStart(downMs) {
      await ctl("-m", "immediate", "stop");
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      process.off("exit", orphaned);
      if (existsSync(join(data, "postmaster.pid"))) {
        await ctl("-m", "immediate", "stop").catch(() => undefined);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    log() {
      try {
        return execFileSync("tail", ["-n", "40", logFile], { encoding: "utf8" });
      } catch {
        return "";
      }
    },
  };
  try {
    const settings = ["--username=postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"];
    await pg("initdb", ["-D", data, ...settings, "--no-sync"]);
    await start();
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
  return cluster;
}
