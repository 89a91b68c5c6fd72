import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeLesson } from "./lesson.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "bvte-lesson-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function analyze(text: string) {
  const file = join(dir, "l.vi.mdx");
  await writeFile(file, text);
  return analyzeLesson(file);
}

const messages = (analysis: Awaited<ReturnType<typeof analyze>>) =>
  analysis.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

describe("analyzeLesson", () => {
  it("collects sections, components with attributes, and words", async () => {
    const analysis = await analyze(
      [
        "## Mục tiêu",
        "",
        "- Nhận biết dấu hiệu",
        "",
        '<Scenario title="Ở trường">Em A. <Term def="định nghĩa">bạo lực</Term> <Cite id="ref-1" /></Scenario>',
        "",
        "{/* ghi chú cho người viết */}",
        "",
        "<HotlineCard compact />",
        "",
        "## Tóm tắt",
      ].join("\n"),
    );
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.sections.map((s) => `${s.line} ${s.text}`)).toEqual(["1 Mục tiêu", "11 Tóm tắt"]);
    expect(analysis.components.map((c) => c.name)).toEqual(["Scenario", "Term", "Cite", "HotlineCard"]);
    expect(analysis.components[1]).toMatchObject({ line: 5, column: 34, attributes: { def: "định nghĩa" } });
    expect(analysis.components[3]?.attributes).toEqual({ compact: true });
    // "Mục tiêu" 2 + "Nhận biết dấu hiệu" 4 + "Em A." 2 + "bạo lực" 2 + "Tóm tắt" 2
    expect(analysis.words).toBe(12);
  });

  it("rejects raw HTML, unknown components, code and imports, at their position", async () => {
    const analysis = await analyze(
      [
        'import X from "./x.js"',
        "",
        "## Mục tiêu",
        "",
        "Chữ <b>đậm</b>.",
        "",
        '<Quiz id="q" />',
        "",
        "{1 + 1}",
        "",
        "<Figure src={path} {...rest} />",
      ].join("\n"),
    );
    expect(messages(analysis)).toEqual([
      "1:1 import/export is not allowed in lessons: the player provides the components",
      "5:5 raw HTML <b> is not allowed: use Markdown or one of Callout, HotlineCard, Scenario, Figure, Term, Cite",
      "7:1 unknown component <Quiz>: allowed are Callout, HotlineCard, Scenario, Figure, Term, Cite",
      "9:1 JavaScript expressions are not allowed in lessons",
      "11:1 <Figure src>: write the value as a quoted string, not an expression",
      '11:1 <Figure>: spread attributes are not allowed; write each attribute as name="value"',
    ]);
  });

  it("reports compile errors with the line of the problem", async () => {
    const unclosed = await analyze('## Mục tiêu\n\n<Callout kind="info">\n\nChưa đóng thẻ\n');
    expect(messages(unclosed)).toEqual([
      "3:1 MDX does not compile: Expected a closing tag for `<Callout>` (3:1-3:22)",
    ]);
    const badExpression = await analyze("## Mục tiêu\n\nA {a b}\n");
    expect(messages(badExpression)).toEqual([
      "3:5 MDX does not compile: Could not parse expression with acorn",
    ]);
  });

  it("reports frontmatter, which belongs in course.yaml", async () => {
    const analysis = await analyze("---\ntitle: x\n---\n\n## Mục tiêu\n");
    expect(messages(analysis)).toEqual([
      "1:1 lessons have no frontmatter: titles, minutes and objectives live in course.yaml",
    ]);
  });
});
