import { z } from "zod";

/** Course, lesson, objective and reference ids: they become URL segments and xAPI activity ids. */
export const idSchema = z.string().regex(/^[a-z0-9-]+$/, "must match [a-z0-9-]+");

const nonEmpty = z.string().trim().min(1, "must not be empty");

/** Learner-facing text: Vietnamese first, and every module ships both languages. */
export const textSchema = z.strictObject({ vi: nonEmpty, en: nonEmpty });

export const roles = [
  "teacher",
  "health-worker",
  "investigator",
  "parent",
  "child-protection-officer",
] as const;
export const roleSchema = z.enum(roles);

/** A path inside the module folder, written relative to course.yaml. */
const modulePathSchema = z
  .string()
  .min(1, "must not be empty")
  .refine((p) => !p.startsWith("/") && !p.split(/[\\/]/).includes(".."), {
    message: "must be a path inside the module folder (relative, without ..)",
  });

export const objectiveSchema = z.strictObject({ id: idSchema, text: textSchema });

export const lessonRefSchema = z.strictObject({
  id: idSchema,
  title: textSchema,
  minutes: z.int().positive(),
  objectives: z.array(idSchema).min(1, "a lesson teaches at least one objective"),
});

export const assessmentSchema = z.strictObject({
  /** practice: graded on the device; certification: graded on the server. */
  kind: z.enum(["practice", "certification"]),
  quiz: modulePathSchema,
});

export const certificationSchema = z.strictObject({
  bank: modulePathSchema,
  validityMonths: z.int().positive(),
});

export const referenceSchema = z.strictObject({
  id: idSchema,
  title: nonEmpty,
  url: z.httpUrl("must be a well-formed http(s) URL"),
});

/** Reports the second and later occurrences of an id, so the error points at the duplicate. */
function reportDuplicateIds(
  ctx: z.core.$RefinementCtx,
  entries: readonly { id: string }[],
  listKey: string,
  what: string,
): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({
        code: "custom",
        path: [listKey, index, "id"],
        message: `duplicate ${what} id "${entry.id}"`,
      });
    }
    seen.add(entry.id);
  });
}

export const courseManifestSchema = z
  .strictObject({
    id: idSchema,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version like 1.0.0"),
    title: textSchema,
    summary: textSchema,
    audience: z.array(roleSchema).min(1, "name at least one audience role"),
    estimatedMinutes: z.int().positive(),
    /** Months a pass stays valid; null means it never expires. */
    validityMonths: z.int().positive().nullable(),
    objectives: z.array(objectiveSchema).min(1, "a course has at least one objective"),
    lessons: z.array(lessonRefSchema).min(1, "a course has at least one lesson"),
    assessment: assessmentSchema,
    certification: certificationSchema.optional(),
    references: z.array(referenceSchema),
  })
  .superRefine((manifest, ctx) => {
    reportDuplicateIds(ctx, manifest.objectives, "objectives", "objective");
    reportDuplicateIds(ctx, manifest.lessons, "lessons", "lesson");
    reportDuplicateIds(ctx, manifest.references, "references", "reference");
    const objectiveIds = new Set(manifest.objectives.map((o) => o.id));
    manifest.lessons.forEach((lesson, lessonIndex) => {
      lesson.objectives.forEach((objective, index) => {
        if (!objectiveIds.has(objective)) {
          ctx.addIssue({
            code: "custom",
            path: ["lessons", lessonIndex, "objectives", index],
            message: `unknown objective "${objective}" (not in objectives)`,
          });
        }
      });
    });
    // A certification course is graded on the server, which needs a bank to draw the exam from.
    if (manifest.assessment.kind === "certification" && !manifest.certification) {
      ctx.addIssue({
        code: "custom",
        path: ["assessment", "kind"],
        message: "a certification assessment needs a certification section with a bank",
      });
    }
  });

export type Text = z.infer<typeof textSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type LessonRef = z.infer<typeof lessonRefSchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
export type Certification = z.infer<typeof certificationSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type CourseManifest = z.infer<typeof courseManifestSchema>;
