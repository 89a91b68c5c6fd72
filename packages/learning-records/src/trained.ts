export interface PassRecord {
  courseId: string;
  passedAt: Date;
}

/** Adds calendar months the way PostgreSQL's `interval 'n months'` does (clamped to the month's end). */
function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * DESIGN.md §4: trained on date D when every required course is passed and, if the cohort has a
 * validity, passed within that many months before D.
 */
export function isTrained(input: {
  passes: readonly PassRecord[];
  requiredCourses: readonly string[];
  validityMonths: number | null;
  asOf: Date;
}): boolean {
  const { passes, requiredCourses, validityMonths, asOf } = input;
  return requiredCourses.every((courseId) =>
    passes.some(
      (pass) =>
        pass.courseId === courseId &&
        pass.passedAt <= asOf &&
        (validityMonths === null || addMonths(pass.passedAt, validityMonths) > asOf),
    ),
  );
}

export interface CohortFigures {
  members: number;
  trained: number;
  /** trained ÷ members, 0 when the cohort is empty. */
  rate: number;
  targetShare: number;
  targetMet: boolean;
  /** ceil(target × members) − trained, never below zero. */
  gap: number;
}

export function cohortFigures(members: number, trained: number, targetShare: number): CohortFigures {
  const rate = members === 0 ? 0 : trained / members;
  // Rounding guards against 0.9 × 10 = 9.000000000000002 turning a gap of 0 into 1.
  const needed = Math.ceil(Number((targetShare * members).toFixed(9)));
  const gap = Math.max(0, needed - trained);
  return { members, trained, rate, targetShare, targetMet: members > 0 && gap === 0, gap };
}
