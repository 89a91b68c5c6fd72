// Test fixtures: a small valid module, and helpers to write broken copies of it to a temp dir.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A small module that satisfies every rule; each test breaks one thing in a copy of it. */
export type Module = Record<string, string>;

export const text = (label: string) => `{ vi: "${label} (vi)", en: "${label} (en)" }`;

export function choiceItem(id: string, objective: string): string {
  return `  - id: ${id}
    type: single-choice
    objective: ${objective}
    stem: ${text(`Question ${id}`)}
    options:
      - { id: a, text: ${text("Right")}, correct: true, feedback: ${text("Yes")} }
      - { id: b, text: ${text("Wrong")}, feedback: ${text("No")} }
    explanation: ${text("Because")}
    references: [luat-tre-em-2016]
`;
}

export function scenarioItem(id: string, objective: string): string {
  return `  - id: ${id}
    type: scenario
    objective: ${objective}
    stem: ${text(`Case ${id}`)}
    steps:
      - id: st1
        prompt: ${text("What first?")}
        options:
          - { id: a, text: ${text("Listen")}, score: 1, feedback: ${text("Good")} }
          - { id: b, text: ${text("Confront")}, score: 0, feedback: ${text("Not yet")} }
    explanation: ${text("Because")}
`;
}

export function quiz(id: string, settings: string, items: string[], blueprint = ""): string {
  return `id: ${id}
title: ${text(id)}
settings:
${settings}
${blueprint}items:
${items.join("")}`;
}

export const settings = (passMark: number, timeLimitMinutes: number | null, feedback: string) =>
  `  passMark: ${passMark}
  timeLimitMinutes: ${timeLimitMinutes ?? "null"}
  maxAttempts: null
  cooldownMinutes: 0
  feedback: ${feedback}
  review: after-submit
  shuffleItems: true
  shuffleOptions: true`;

const objectives = ["lo1", "lo2"];
export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
export const finalItems = (n: number, scenarios: number) =>
  range(n).map((i) => (i <= scenarios ? scenarioItem : choiceItem)(`f${i}`, objectives[i % 2] ?? "lo1"));

export const manifest = `id: demo-course
version: 1.0.0
title: { vi: "Khoá thử", en: "Demo course" }
summary: ${text("Summary")}
audience: [teacher]
estimatedMinutes: 10
validityMonths: 24
objectives:
  - { id: lo1, text: ${text("Objective 1")} }
  - { id: lo2, text: ${text("Objective 2")} }
lessons:
  - id: l01-signs
    title: ${text("Signs")}
    minutes: 8
    objectives: [lo1, lo2]
assessment:
  kind: certification
  quiz: quizzes/final.quiz.yaml
certification:
  bank: certification/bank.quiz.yaml
  validityMonths: 24
references:
  - id: luat-tre-em-2016
    title: "Luật Trẻ em số 102/2016/QH13"
    url: "https://example.org/luat-tre-em"
`;

export const lessonVi = `## Mục tiêu

- Nhận biết dấu hiệu bạo lực.

## Dấu hiệu

<Scenario title="Ở trường">
Em A. vắng học nhiều ngày. <Term def="Hành vi gây tổn hại cho trẻ">Bạo lực</Term> phải được báo <Cite id="luat-tre-em-2016" />.
</Scenario>

<Figure src="../assets/steps.svg" alt="Các bước báo cáo" caption="Quy trình" />

<HotlineCard />

## Tóm tắt

- Gọi 111.
`;

export const lessonEn = `## Objectives

- Recognise signs of violence.

## Signs

<Scenario title="At school">
A. has missed many days. <Term def="Behaviour that harms a child">Violence</Term> must be reported <Cite id="luat-tre-em-2016" />.
</Scenario>

<Figure src="../assets/steps.svg" alt="Reporting steps" caption="The process" />

<HotlineCard />

## Summary

- Call 111.
`;

export function validModule(): Module {
  return {
    "course.yaml": manifest,
    "lessons/l01-signs.vi.mdx": lessonVi,
    "lessons/l01-signs.en.mdx": lessonEn,
    "assets/steps.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    "quizzes/l01-signs.quiz.yaml": quiz("demo-l01-signs", settings(0.8, null, "immediate"), [
      choiceItem("k1", "lo1"),
      scenarioItem("k2", "lo2"),
    ]),
    "quizzes/final.quiz.yaml": quiz(
      "demo-final",
      settings(0.8, null, "deferred"),
      finalItems(30, 10),
      "blueprint:\n  - { tag: lo1, count: 8 }\n  - { tag: lo2, count: 8 }\n",
    ),
    "certification/bank.quiz.yaml": quiz(
      "demo-certification",
      settings(0.8, 45, "deferred"),
      range(60).map((i) => choiceItem(`c${i}`, objectives[i % 2] ?? "lo1")),
    ),
  };
}

const dirs: string[] = [];

/** Removes every content dir written so far; call it from afterEach. */
export async function removeContent(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Writes modules (folder name → files) to a fresh content dir. */
export async function writeContent(modules: Record<string, Module>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "bvte-content-"));
  dirs.push(root);
  for (const [name, files] of Object.entries(modules)) {
    for (const [path, body] of Object.entries(files)) {
      const file = join(root, name, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, body);
    }
  }
  return root;
}

/** The valid module with one file changed. */
export function withFile(path: string, change: (body: string) => string | undefined): Record<string, Module> {
  const module = validModule();
  const body = change(module[path] ?? "");
  if (body === undefined) delete module[path];
  else module[path] = body;
  return { "demo-course": module };
}

/** 1-based line of the first line containing `needle`, so expectations survive fixture edits. */
export function lineOf(body: string, needle: string): number {
  const index = body.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line with ${needle}`);
  return index + 1;
}

export function replaced(body: string, from: string, to: string): string {
  if (!body.includes(from)) throw new Error(`fixture has no ${from}`);
  return body.replace(from, to);
}
