import type { QuizDefinition } from "@bvte/quiz-engine";
import type { Diagnostic } from "../diagnostic.ts";
import type { LoadedCourse } from "./load.ts";
import { readQuiz } from "./quiz.ts";

/** Thrown when content a caller depends on is missing or invalid; `diagnostics` says where. */
export class ContentError extends Error {
  override readonly name = "ContentError";
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
  }
}

/**
 * Reads a course's certification bank, answer keys included. Server only: this is deliberately not
 * part of `loadContent`, whose result the player build may bundle.
 */
export async function loadCertificationBank(
  course: Pick<LoadedCourse, "manifest" | "certificationBankFile">,
): Promise<QuizDefinition> {
  const file = course.certificationBankFile;
  if (!file) throw new ContentError(`course "${course.manifest.id}" has no certification bank`, []);
  const bank = await readQuiz(file);
  if (!bank.quiz || bank.diagnostics.length > 0) {
    throw new ContentError(`certification bank ${file} is invalid`, bank.diagnostics);
  }
  return bank.quiz;
}
