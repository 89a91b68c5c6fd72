import { readFile } from "node:fs/promises";
import { compile, createProcessor } from "@mdx-js/mdx";
import type { Diagnostic } from "../diagnostic.ts";

/** The components the player provides to lessons (content/README.md). */
export const allowedComponents = ["Callout", "HotlineCard", "Scenario", "Figure", "Term", "Cite"] as const;
const allowed = new Set<string>(allowedComponents);

export interface Position {
  line: number;
  column: number;
}

export interface ComponentUse extends Position {
  name: string;
  /** Attribute values; `true` for a bare attribute such as `<X compact />`. */
  attributes: Record<string, string | true>;
}

export interface Heading extends Position {
  text: string;
}

/** What the content check needs to know about one lesson file. */
export interface LessonAnalysis {
  file: string;
  /** `##` headings, in order. */
  sections: Heading[];
  /** Allowed components, in document order (outer before inner). */
  components: ComponentUse[];
  /** Whitespace-separated words in the lesson's text. */
  words: number;
  /** False when the file does not parse: then sections, components and words are empty. */
  parsed: boolean;
  /** Compile errors and disallowed constructs. */
  diagnostics: Diagnostic[];
}

/**
 * The slice of mdast + mdast-util-mdx we read. Declared here rather than imported because the
 * mdast type packages are only transitive dependencies of @mdx-js/mdx.
 */
interface MdNode {
  type: string;
  name?: string | null;
  depth?: number;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdNode[];
  data?: { estree?: { body: unknown[] } };
  position?: { start: Position };
}

export async function analyzeLesson(file: string): Promise<LessonAnalysis> {
  const text = await readFile(file, "utf8");
  const analysis: LessonAnalysis = {
    file,
    sections: [],
    components: [],
    words: 0,
    parsed: false,
    diagnostics: [],
  };
  const report = (at: Position | undefined, message: string) =>
    analysis.diagnostics.push({ file, line: at?.line ?? 1, column: at?.column ?? 1, message });

  let tree: MdNode;
  try {
    tree = createProcessor().parse({ path: file, value: text }) as unknown as MdNode;
  } catch (error) {
    report(errorPosition(error), `MDX does not compile: ${errorReason(error)}`);
    return analysis;
  }
  analysis.parsed = true;

  const first = tree.children?.[0];
  // Without a frontmatter plugin, `---` front matter parses as a rule plus a setext `##` heading.
  if (first?.type === "thematicBreak" && first.position?.start.line === 1) {
    report(
      first.position.start,
      "lessons have no frontmatter: titles, minutes and objectives live in course.yaml",
    );
  }
  visit(tree, (node) => inspect(node, analysis, report));

  try {
    await compile({ path: file, value: text });
  } catch (error) {
    report(errorPosition(error), `MDX does not compile: ${errorReason(error)}`);
  }
  return analysis;
}

function visit(node: MdNode, enter: (node: MdNode) => void): void {
  enter(node);
  for (const child of node.children ?? []) visit(child, enter);
}

function inspect(
  node: MdNode,
  analysis: LessonAnalysis,
  report: (at: Position | undefined, message: string) => void,
): void {
  const at = node.position?.start;
  switch (node.type) {
    case "text":
      analysis.words += countWords(String(node.value));
      return;
    case "heading":
      if (node.depth === 2 && at) analysis.sections.push({ text: plainText(node), ...at });
      return;
    case "mdxjsEsm":
      report(at, "import/export is not allowed in lessons: the player provides the components");
      return;
    case "mdxFlowExpression":
    case "mdxTextExpression":
      // `{/* comment */}` parses to an empty program; anything else is code in the content.
      if ((node.data?.estree?.body.length ?? 0) > 0)
        report(at, "JavaScript expressions are not allowed in lessons");
      return;
    case "mdxJsxFlowElement":
    case "mdxJsxTextElement":
      inspectElement(node, analysis, report);
      return;
  }
}

function inspectElement(
  node: MdNode,
  analysis: LessonAnalysis,
  report: (at: Position | undefined, message: string) => void,
): void {
  const at = node.position?.start;
  const name = node.name;
  if (!name) {
    report(at, "fragments (<>…</>) are not allowed in lessons");
    return;
  }
  if (!allowed.has(name)) {
    const isHtml = /^[a-z]/.test(name);
    report(
      at,
      isHtml
        ? `raw HTML <${name}> is not allowed: use Markdown or one of ${allowedComponents.join(", ")}`
        : `unknown component <${name}>: allowed are ${allowedComponents.join(", ")}`,
    );
    return;
  }
  const attributes: Record<string, string | true> = {};
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== "mdxJsxAttribute" || !attribute.name) {
      report(at, `<${name}>: spread attributes are not allowed; write each attribute as name="value"`);
    } else if (attribute.value === null || attribute.value === undefined) {
      attributes[attribute.name] = true;
    } else if (typeof attribute.value === "string") {
      attributes[attribute.name] = attribute.value;
    } else {
      report(at, `<${name} ${attribute.name}>: write the value as a quoted string, not an expression`);
    }
  }
  if (at) analysis.components.push({ name, attributes, ...at });
}

function plainText(node: MdNode): string {
  if (node.type === "text" || node.type === "inlineCode") return String(node.value);
  return (node.children ?? []).map(plainText).join("");
}

function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Where a VFileMessage from @mdx-js/mdx points. */
function errorPosition(error: unknown): Position | undefined {
  const { line, column, place } = (error ?? {}) as {
    line?: number;
    column?: number;
    place?: Position | { start: Position };
  };
  if (line && column) return { line, column };
  if (place) return "start" in place ? place.start : place;
  // "Expected a closing tag for `<Callout>` (3:1-3:10)" carries the opening tag's position only in
  // its text; it is where the writer has to look.
  const match = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(errorReason(error));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

function errorReason(error: unknown): string {
  if (error && typeof error === "object" && "reason" in error && typeof error.reason === "string") {
    return error.reason;
  }
  return error instanceof Error ? error.message : String(error);
}
