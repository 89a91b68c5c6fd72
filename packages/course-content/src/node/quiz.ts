import { readFile } from "node:fs/promises";
import type { QuizDefinition } from "@bvte/quiz-engine";
import { parseQuizYaml } from "@bvte/quiz-engine/yaml";
import type { Diagnostic } from "../diagnostic.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";

export interface QuizFile {
  file: string;
  /** Present when the quiz engine accepts the file (it may still have diagnostics: engine warnings). */
  quiz?: QuizDefinition;
  /** For pointing this package's content rules at the right line of the quiz file. */
  source: YamlSource;
  diagnostics: Diagnostic[];
}

/**
 * Parses a quiz file with the quiz engine; this package adds content rules, never its own quiz parsing.
 * Engine warnings (an unreachable scenario step, text not in NFC, …) count as content errors: content
 * is ours to fix, and a warning nobody has to act on is soon ignored.
 */
export async function readQuiz(file: string): Promise<QuizFile> {
  const text = await readFile(file, "utf8");
  // FORMAT.md: an explanation is optional for the engine but required in content.
  const { quiz, diagnostics } = parseQuizYaml(text, file, { requireExplanation: true });
  return {
    file,
    ...(quiz ? { quiz } : {}),
    source: parseYamlSource(file, text),
    diagnostics: diagnostics.map((d) => ({
      file,
      line: d.line ?? 1,
      column: d.column ?? 1,
      message: d.path ? `${d.path}: ${d.message}` : d.message,
    })),
  };
}
