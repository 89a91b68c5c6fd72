import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("./check.ts", import.meta.url));
// Resolved from here, so the CLI can run in a temporary folder outside the workspace.
const tsxLoader = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/loader.mjs"),
).href;

function run(cwd: string, ...args: string[]) {
  const out = spawnSync(process.execPath, ["--import", tsxLoader, cli, ...args], { cwd, encoding: "utf8" });
  return {
    code: out.status,
    stdout: out.stdout.trim().split("\n").filter(Boolean),
    stderr: out.stderr.trim(),
  };
}

const GOOD = `id: lesson-1
title: { vi: "Kiểm tra", en: "Check" }
items:
  - id: q1
    type: true-false
    objective: lo1
    stem: { vi: "111 miễn phí?", en: "Is 111 free?" }
    answer: true
    explanation: { vi: "Có.", en: "Yes." }
`;

describe("bvte-quiz-check", () => {
  const dir = mkdtempSync(join(tmpdir(), "quiz-check-"));
  mkdirSync(join(dir, "quizzes"));
  writeFileSync(join(dir, "quizzes", "good.quiz.yaml"), GOOD);
  writeFileSync(
    join(dir, "quizzes", "bad.quiz.yaml"),
    GOOD.replace("    answer: true\n", "    answer: yes\n").replace(/ {4}explanation.*\n/, ""),
  );
  writeFileSync(join(dir, "bank.gift"), "::Ok:: Fine? {T}\n\n::Essay:: Write. {}\n");

  it("prints file:line:col per problem and exits 1 on errors", () => {
    const { code, stdout, stderr } = run(dir, "quizzes", "bank.gift");
    expect(stdout).toEqual([
      "quizzes/bad.quiz.yaml:4:5: error: items[0].explanation: is required in course content",
      "quizzes/bad.quiz.yaml:8:5: error: items[0].answer: must be true or false",
      "bank.gift:3:18: error: Essay: essay questions ({}) are not supported; not imported",
    ]);
    expect(stderr).toBe("3 files checked: 3 error(s), 0 warning(s)");
    expect(code).toBe(1);
  });

  it("exits 0 when every file is clean", () => {
    expect(run(dir, "quizzes/good.quiz.yaml")).toEqual({
      code: 0,
      stdout: [],
      stderr: "1 file checked: 0 error(s), 0 warning(s)",
    });
  });

  it("reports unreadable files and shows usage without arguments", () => {
    expect(run(dir, "missing.quiz.yaml").stdout[0]).toMatch(/^missing\.quiz\.yaml:1:1: error: cannot read/);
    expect(run(dir).code).toBe(2);
  });
});
