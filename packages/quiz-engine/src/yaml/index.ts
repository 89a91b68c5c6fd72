/**
 * Quiz files in YAML. Parsing keeps the document's nodes so every diagnostic, including the
 * semantic ones from validateQuiz, points at the line and column of the node it is about.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Diagnostic, QuizDefinition } from "../types.ts";
import { type PathSeg, parsePath } from "../validate/check.ts";
import { type ValidateOptions, validateQuiz } from "../validate/quiz.ts";

/**
 * The start offset of the node a path names: for a mapping entry its key (where a reader looks),
 * for a list entry the entry. A path into something that does not exist (a missing field) ends at
 * its nearest existing ancestor.
 */
function locate(doc: Document, path: readonly PathSeg[]): number {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      // Keys compare as strings: an unquoted `true:` key is the boolean true in YAML.
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair || !isScalar(pair.key)) break;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const entry = node.items[seg] as Node | undefined;
      if (!entry) break;
      offset = entry.range?.[0] ?? offset;
      node = entry;
    } else break;
  }
  return offset;
}

/** @public Parses and validates a `*.quiz.yaml` file; diagnostics carry `file`, `line` and `column`. */
export function parseQuizYaml(
  text: string,
  file: string,
  opts: ValidateOptions = {},
): { quiz?: QuizDefinition; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const syntax = [...doc.errors, ...doc.warnings].map(
    (e): Diagnostic => ({
      path: "",
      message: e.message.split("\n")[0] ?? e.message,
      severity: e.name === "YAMLWarning" ? "warning" : "error",
      ...at(e.pos[0]),
    }),
  );
  if (doc.errors.length > 0) return { diagnostics: syntax };
  const { quiz, diagnostics } = validateQuiz(doc.toJS(), opts);
  const located = [...syntax, ...diagnostics.map((d) => ({ ...d, ...at(locate(doc, parsePath(d.path))) }))];
  return quiz ? { quiz, diagnostics: located } : { diagnostics: located };
}
