import type { ItemSummary, QuizQuality } from "@bvte/api";
import { activityId, ITEM_RESULTS_EXTENSION, VERBS } from "@bvte/learning-records";
import {
  type AnalysisInput,
  analyzeItems,
  type GradeState,
  type Item,
  type QuizDefinition,
  type Text,
} from "@bvte/quiz-engine";
import { z } from "zod";
import type { SessionPerson } from "../auth/sessions.ts";
import { unitScopeCondition } from "../cohorts/scope.ts";
import type { CourseCatalog } from "../content.ts";
import type { Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";

/** What a quiz statement carries per item (see ITEM_RESULTS_EXTENSION); anything else is skipped. */
const itemResultsSchema = z.array(
  z.object({ itemId: z.string(), score: z.number(), max: z.number().nonnegative(), response: z.unknown() }),
);

function optionsOf(item: Item): ItemSummary["options"] {
  switch (item.type) {
    case "single-choice":
    case "multiple-response":
      return item.options.map((option) => ({
        id: option.id,
        text: option.text,
        correct: option.correct === true,
      }));
    case "true-false":
      return [
        { id: "true", text: { vi: "Đúng", en: "True" }, correct: item.answer },
        { id: "false", text: { vi: "Sai", en: "False" }, correct: !item.answer },
      ];
    case "scenario":
      return item.steps.flatMap((step) =>
        step.options.map((option) => ({
          id: `${step.id}:${option.id}`,
          text: option.text,
          correct: option.score === 1,
        })),
      );
    default:
      return [];
  }
}

const stateOf = (fraction: number): GradeState =>
  fraction >= 1 ? "right" : fraction <= 0 ? "wrong" : "partial";

/** Turns one statement's item results into the attempt shape analyzeItems reads. */
function toAttempt(quiz: QuizDefinition, raw: unknown): AnalysisInput | null {
  const parsed = itemResultsSchema.safeParse(raw);
  if (!parsed.success || parsed.data.length === 0) return null;
  const objectives = new Map(quiz.items.map((item) => [item.id, item.objective]));
  const items = parsed.data.map((result) => {
    const fraction = result.max > 0 ? result.score / result.max : 0;
    return {
      itemId: result.itemId,
      objective: objectives.get(result.itemId) ?? "",
      score: result.score,
      max: result.max,
      fraction,
      state: stateOf(fraction),
    };
  });
  return {
    responses: Object.fromEntries(parsed.data.map((result) => [result.itemId, result.response])),
    result: {
      score: items.reduce((sum, item) => sum + item.score, 0),
      max: items.reduce((sum, item) => sum + item.max, 0),
      items,
    },
  };
}

/**
 * Item analysis of a course's practice quizzes (the final assessment and each lesson's knowledge
 * check) from the item results in passed/failed statements by learners within the person's units,
 * optionally only the current members of one cohort.
 */
export async function courseItemAnalysis(
  db: Queryable,
  catalog: CourseCatalog,
  person: SessionPerson,
  courseId: string,
  cohortId: string | null,
): Promise<{ courseId: string; title: Text; quizzes: QuizQuality[] }> {
  const course = catalog.find(courseId);
  if (!course) throw new HttpError(404, "not_found", "No such course");
  const quizzes = [
    {
      key: "final",
      quiz: course.finalQuiz,
      title: course.finalQuiz.title,
      activity: activityId({ courseId, assessment: "final" }),
    },
    ...course.lessons.map((lesson) => ({
      key: lesson.ref.id,
      quiz: lesson.knowledgeCheck,
      title: lesson.ref.title,
      activity: activityId({ courseId, lessonId: lesson.ref.id }),
    })),
  ];
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<{ object_id: string; items: unknown }>(
    `select s.object_id, s.statement -> 'result' -> 'extensions' -> $3::text as items
       from statements s join people p on p.id = s.person_id join units u on u.id = p.home_unit_id
      where s.object_id = any($2::text[]) and s.verb in ($4, $5) and not s.voided and ${scope.sql}
        and ($6::uuid is null or exists (
              select 1 from cohort_members m where m.cohort_id = $6 and m.person_id = s.person_id))`,
    [
      scope.value,
      quizzes.map((quiz) => quiz.activity),
      ITEM_RESULTS_EXTENSION,
      VERBS.passed,
      VERBS.failed,
      cohortId,
    ],
  );
  const byActivity = new Map<string, unknown[]>();
  for (const row of rows) {
    const list = byActivity.get(row.object_id);
    if (list) list.push(row.items);
    else byActivity.set(row.object_id, [row.items]);
  }
  return {
    courseId,
    title: course.manifest.title,
    quizzes: quizzes.map(({ key, quiz, title, activity }) => {
      const attempts = (byActivity.get(activity) ?? [])
        .map((raw) => toAttempt(quiz, raw))
        .filter((attempt) => attempt !== null);
      return {
        key,
        quizId: quiz.id,
        title,
        analysis: analyzeItems(quiz, attempts),
        items: quiz.items.map((item) => ({
          id: item.id,
          type: item.type,
          stem: item.stem,
          options: optionsOf(item),
        })),
      };
    }),
  };
}
