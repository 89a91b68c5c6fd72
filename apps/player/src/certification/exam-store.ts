import type { PublicScenarioStep } from "@bvte/quiz-engine";
import type { StartedCertification } from "../api.ts";
import {
  type CertificationAttempt,
  type CertificationResult,
  db as defaultDb,
  type PlayerDB,
} from "../db/player-db.ts";

/**
 * Keeps the form the server sent. The deadline is moved onto this device's clock (the server's
 * start time is taken to be the moment the answer arrived), so a phone whose clock is wrong still
 * counts down the time the server will enforce. When the server hands back an attempt this device
 * already holds (started before a reload), the answers saved here are kept.
 */
export async function saveStartedExam(
  personId: string,
  courseId: string,
  started: StartedCertification,
  receivedAt = Date.now(),
  db: PlayerDB = defaultDb,
): Promise<CertificationAttempt> {
  return db.transaction("rw", db.certificationAttempts, async () => {
    const known = await db.certificationAttempts.get(started.attemptId);
    if (known) return known;
    const exam: CertificationAttempt = {
      attemptId: started.attemptId,
      personId,
      courseId,
      form: started.form,
      startedAt: started.startedAt,
      deadline: started.deadline,
      graceSeconds: started.graceSeconds,
      localDeadline:
        started.deadline === null
          ? null
          : receivedAt + (Date.parse(started.deadline) - Date.parse(started.startedAt)),
      responses: {},
      scenarioSteps: {},
      scenarioEnded: {},
      status: "in-progress",
    };
    await db.certificationAttempts.put(exam);
    return exam;
  });
}

/** Saves one answer the moment it is given; an empty answer (undefined) removes it. */
export async function saveAnswer(
  attemptId: string,
  itemId: string,
  response: unknown,
  db: PlayerDB = defaultDb,
): Promise<void> {
  await db.transaction("rw", db.certificationAttempts, async () => {
    const exam = await db.certificationAttempts.get(attemptId);
    if (exam?.status !== "in-progress") return;
    const { [itemId]: _previous, ...others } = exam.responses;
    const responses = response === undefined ? others : { ...others, [itemId]: response };
    await db.certificationAttempts.update(attemptId, { responses });
  });
}

/** Records a scenario step the server revealed, or that the scenario has ended. */
export async function saveScenarioReveal(
  attemptId: string,
  itemId: string,
  next: { kind: "step"; step: PublicScenarioStep } | { kind: "end" },
  db: PlayerDB = defaultDb,
): Promise<void> {
  await db.transaction("rw", db.certificationAttempts, async () => {
    const exam = await db.certificationAttempts.get(attemptId);
    if (!exam) return;
    if (next.kind === "end") {
      await db.certificationAttempts.update(attemptId, {
        scenarioEnded: { ...exam.scenarioEnded, [itemId]: true },
      });
      return;
    }
    const known = exam.scenarioSteps[itemId] ?? [];
    if (known.some((step) => step.id === next.step.id)) return;
    await db.certificationAttempts.update(attemptId, {
      scenarioSteps: { ...exam.scenarioSteps, [itemId]: [...known, next.step] },
    });
  });
}

/** The learner hands the exam in: from now on its answers are frozen and wait to be delivered. */
export async function requestSubmission(attemptId: string, now = Date.now(), db: PlayerDB = defaultDb) {
  await db.transaction("rw", db.certificationAttempts, async () => {
    const exam = await db.certificationAttempts.get(attemptId);
    if (exam?.status !== "in-progress") return;
    await db.certificationAttempts.update(attemptId, { status: "submitting", submittedAt: now });
  });
}

export type DeliveryOutcome =
  | { kind: "done"; delivered: number }
  | { kind: "unauthenticated"; delivered: number }
  | { kind: "failed"; delivered: number; error: string };

/**
 * Delivers every handed-in exam of the learner to the server for grading. Submitting is idempotent
 * on the server, so an answer lost on the way back is simply asked for again. Exams stay
 * "submitting" until the server has answered: a lost connection or server error keeps them for the
 * next try; a refusal (submitted after the time limit) is kept and shown, never retried.
 */
export async function deliverSubmissions(
  personId: string,
  submit: (attemptId: string, responses: CertificationAttempt["responses"]) => Promise<Response>,
  db: PlayerDB = defaultDb,
): Promise<DeliveryOutcome> {
  const waiting = await db.certificationAttempts
    .where("personId")
    .equals(personId)
    .filter((exam) => exam.status === "submitting")
    .toArray();
  let delivered = 0;
  for (const exam of waiting) {
    let response: Response;
    try {
      response = await submit(exam.attemptId, exam.responses);
    } catch (error) {
      return { kind: "failed", delivered, error: String(error) };
    }
    if (response.status === 401) return { kind: "unauthenticated", delivered };
    if (response.status >= 500 || response.status === 429) {
      return { kind: "failed", delivered, error: `HTTP ${response.status}` };
    }
    if (response.ok) {
      const result = (await response.json()) as CertificationResult;
      await db.certificationAttempts.update(exam.attemptId, { status: "graded", result });
    } else {
      // A late exam is graded by the server on what it had received in time (scenario choices).
      const body = (await response.json().catch(() => null)) as {
        error?: string;
        details?: CertificationResult;
      } | null;
      const refusal = response.status === 409 ? "late" : (body?.error ?? `HTTP ${response.status}`);
      await db.certificationAttempts.update(exam.attemptId, {
        status: "refused",
        refusal,
        ...(body?.details && typeof body.details.score === "number" ? { result: body.details } : {}),
      });
    }
    delivered++;
  }
  return { kind: "done", delivered };
}
