import { randomBytes, randomUUID } from "node:crypto";
import { loadCertificationBank } from "@bvte/course-content/node";
import { buildStatement } from "@bvte/learning-records";
import {
  type Attempt,
  actionError,
  applyAction,
  canStartAttempt,
  fromPublicResponses,
  nextPublicScenarioStep,
  type PublicForm,
  type PublicResponses,
  type PublicScenarioStep,
  type QuizDefinition,
  type QuizSettings,
  startAttempt,
  type Text,
  toPublicForm,
} from "@bvte/quiz-engine";
import type { Logger } from "pino";
import type { SessionPerson } from "../auth/sessions.ts";
import { issueCertificate } from "../certificates/certificates.ts";
import type { SigningKey } from "../certificates/keys.ts";
import type { CourseCatalog } from "../content.ts";
import type { Database, Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";
import { SERVER_AGENT } from "../xapi/authority.ts";
import { ingestInTransaction } from "../xapi/ingest.ts";
import type { ValidityRules } from "../xapi/projections.ts";
import type { Statement } from "../xapi/validate.ts";

/**
 * Time allowed after the deadline for a submit to arrive: a phone that loses its connection in the
 * last minute can still deliver the answers it had. Stated to the candidate with the deadline.
 */
export const GRACE_SECONDS = 120;
/** A certified learner may sit the exam again only this close to their certificate's expiry. */
export const RENEWAL_WINDOW_DAYS = 90;

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What `certification_attempts.state` holds: the engine's attempt (secret form and keys) and the title. */
interface AttemptState {
  title: Text;
  attempt: Attempt;
}

interface AttemptRow {
  id: string;
  person_id: string;
  course_id: string;
  attempt_number: number;
  started_at: Date;
  deadline: Date | null;
  grace_seconds: number;
  status: "in_progress" | "graded";
  ended_at: Date | null;
  ended_by: "submit" | "timeout" | null;
  score: string | null;
  max_score: string | null;
  passed: boolean | null;
  certificate_id: string | null;
  state: AttemptState;
}

export interface AttemptView {
  attemptId: string;
  attemptNumber: number;
  maxAttempts: number | null;
  form: PublicForm;
  startedAt: string;
  deadline: string | null;
  graceSeconds: number;
  resumed: boolean;
}

export interface ResultView {
  attemptId: string;
  attemptNumber: number;
  score: number;
  maxScore: number;
  percentage: number;
  passed: boolean;
  endedBy: "submit" | "timeout";
  certificateId?: string;
  attemptsLeft: number | null;
  retryAt: string | null;
}

interface CertificateSummary {
  id: string;
  issued_at: Date;
  expires_at: Date;
}

export interface CertificationDeps {
  db: Database;
  catalog: CourseCatalog;
  rules: ValidityRules;
  signingKey: SigningKey;
  logger: Logger;
}

const iso = (date: Date | number) => new Date(date).toISOString();
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A quiz made of the attempt's own snapshot, so grading never depends on a bank edited since. */
function quizOf(state: AttemptState): QuizDefinition {
  return {
    id: state.attempt.quizId,
    title: state.title,
    settings: state.attempt.settings,
    items: state.attempt.items,
  };
}

/** The attempts of one certification cycle: those after the last passed one. */
function currentCycle(attempts: AttemptRow[]): AttemptRow[] {
  const lastPass = attempts.findLastIndex((a) => a.passed === true);
  return attempts.slice(lastPass + 1);
}

type Eligibility =
  | { ok: true; attemptNumber: number }
  | { ok: false; status: 409; code: string; message: string; retryAt?: string };

function eligibility(
  settings: QuizSettings,
  attempts: AttemptRow[],
  certificate: CertificateSummary | undefined,
  now: Date,
): Eligibility {
  if (certificate && certificate.expires_at.getTime() - now.getTime() > RENEWAL_WINDOW_DAYS * DAY) {
    return {
      ok: false,
      status: 409,
      code: "already_certified",
      message: `You hold a valid certificate until ${iso(certificate.expires_at)}; renewal opens ${RENEWAL_WINDOW_DAYS} days before`,
    };
  }
  // An open attempt past its deadline (and grace) counts as ended then, even before it is graded.
  const cycle = currentCycle(attempts).map((a) => {
    const deadline = a.state.attempt.deadline;
    const lapsed = a.status === "in_progress" && deadline !== null && deadline <= now.getTime();
    if (a.status === "in_progress" && !lapsed) return { status: "in-progress" as const };
    return { status: "graded" as const, endedAt: a.ended_at?.getTime() ?? (deadline as number) };
  });
  const check = canStartAttempt(settings, cycle, now.getTime());
  if (check.ok) return { ok: true, attemptNumber: check.attemptNumber };
  if (check.reason === "max-attempts") {
    return {
      ok: false,
      status: 409,
      code: "max_attempts",
      message: `All ${settings.maxAttempts} attempts have been used`,
    };
  }
  if (check.reason === "cooldown") {
    return {
      ok: false,
      status: 409,
      code: "cooldown",
      message: "Wait before the next attempt",
      retryAt: iso(check.retryAt),
    };
  }
  return { ok: false, status: 409, code: "in_progress", message: "An attempt is already in progress" };
}

export function certificationService({ db, catalog, rules, signingKey, logger }: CertificationDeps) {
  const banks = new Map<string, Promise<QuizDefinition>>();

  function bankOf(courseId: string): Promise<QuizDefinition> {
    const course = catalog.find(courseId);
    if (!course?.certificationBankFile)
      throw new HttpError(404, "no_certification", "This course has no certification exam");
    let bank = banks.get(courseId);
    if (!bank) {
      bank = loadCertificationBank(course);
      // A broken bank is logged (without its content) and retried on the next request.
      bank.catch((err: Error) => {
        banks.delete(courseId);
        logger.error({ msg: "certification bank failed to load", courseId, err: err.message });
      });
      banks.set(courseId, bank);
    }
    return bank;
  }

  async function loadAttempts(tx: Queryable, personId: string, courseId: string): Promise<AttemptRow[]> {
    const { rows } = await tx.query<AttemptRow>(
      `select * from certification_attempts where person_id = $1 and course_id = $2 order by attempt_number`,
      [personId, courseId],
    );
    return rows;
  }

  async function currentCertificate(tx: Queryable, personId: string, courseId: string, now: Date) {
    const { rows } = await tx.query<CertificateSummary>(
      `select id, issued_at, expires_at from certificates
        where person_id = $1 and course_id = $2 and revoked_at is null and expires_at > $3
        order by expires_at desc limit 1`,
      [personId, courseId, now.toISOString()],
    );
    return rows[0];
  }

  /** Grades an ended attempt, records passed/failed and, on a pass, issues the certificate. */
  async function conclude(tx: Queryable, row: AttemptRow, attempt: Attempt, baseUrl: string): Promise<void> {
    const result = attempt.result;
    if (attempt.status !== "graded" || !result || attempt.endedAt === undefined) {
      throw new Error(`attempt ${row.id} has not ended`);
    }
    const endedAt = iso(attempt.endedAt);
    const statementId = randomUUID();
    const built = buildStatement({
      id: statementId,
      personId: row.person_id,
      verb: result.passed ? "passed" : "failed",
      activity: { courseId: row.course_id, assessment: "certification" },
      timestamp: endedAt,
      score: { scaled: Number(result.fraction.toFixed(4)), raw: result.score, max: result.max },
      success: result.passed,
      registration: row.id,
    });
    // Only the totals: per-item outcomes would tell the candidate which answers were right.
    const statement = { ...built, result: { ...built.result, completion: true } } as Statement;
    await ingestInTransaction(tx, rules, [statement], { authority: SERVER_AGENT });

    let certificateId: string | null = null;
    if (result.passed) {
      const course = catalog.find(row.course_id);
      const months = course?.manifest.certification?.validityMonths;
      if (!course || !months) throw new Error(`course ${row.course_id} has no certification validity`);
      const { rows } = await tx.query<{ name: string; expires: string }>(
        `select display_name as name,
                to_char(($2::timestamptz + make_interval(months => $3)) at time zone 'UTC',
                        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as expires
           from people where id = $1`,
        [row.person_id, endedAt, months],
      );
      certificateId = randomUUID();
      await issueCertificate(tx, signingKey, baseUrl, {
        id: certificateId,
        personId: row.person_id,
        attemptId: row.id,
        holderName: rows[0]?.name ?? "",
        courseId: row.course_id,
        courseTitle: course.manifest.title,
        percentage: round1(result.percentage),
        issuedAt: endedAt,
        expiresAt: rows[0]?.expires as string,
      });
    }
    await tx.query(
      `update certification_attempts
          set status = 'graded', ended_at = $2, ended_by = $3, score = $4, max_score = $5, passed = $6,
              statement_id = $7, certificate_id = $8, state = $9
        where id = $1`,
      [
        row.id,
        endedAt,
        attempt.endedBy,
        result.score,
        result.max,
        result.passed,
        statementId,
        certificateId,
        JSON.stringify({ ...row.state, attempt }),
      ],
    );
  }

  /** An attempt whose deadline and grace have passed ends by timeout, graded on what was saved in time. */
  async function expireIfLate(tx: Queryable, row: AttemptRow, now: Date, baseUrl: string): Promise<boolean> {
    const attempt = row.state.attempt;
    if (row.status !== "in_progress" || attempt.deadline === null || now.getTime() < attempt.deadline)
      return false;
    await conclude(tx, row, applyAction(attempt, { type: "tick" }, now.getTime()), baseUrl);
    return true;
  }

  function view(row: AttemptRow, resumed: boolean, cycleNumber: number): AttemptView {
    return {
      attemptId: row.id,
      attemptNumber: cycleNumber,
      maxAttempts: row.state.attempt.settings.maxAttempts,
      form: toPublicForm(quizOf(row.state), row.state.attempt.form),
      startedAt: iso(row.started_at),
      deadline: row.deadline ? iso(row.deadline) : null,
      graceSeconds: row.grace_seconds,
      resumed,
    };
  }

  async function resultOf(tx: Queryable, row: AttemptRow, now: Date): Promise<ResultView> {
    const attempts = await loadAttempts(tx, row.person_id, row.course_id);
    const cycle = row.passed ? [] : currentCycle(attempts);
    const settings = row.state.attempt.settings;
    const next = row.passed ? undefined : eligibility(settings, attempts, undefined, now);
    const result = row.state.attempt.result;
    return {
      attemptId: row.id,
      attemptNumber: cycleNumberOf(attempts, row),
      score: Number(row.score),
      maxScore: Number(row.max_score),
      percentage: round1(result?.percentage ?? 0),
      passed: row.passed === true,
      endedBy: row.ended_by ?? "submit",
      ...(row.certificate_id ? { certificateId: row.certificate_id } : {}),
      attemptsLeft:
        settings.maxAttempts === null || row.passed ? null : Math.max(0, settings.maxAttempts - cycle.length),
      retryAt: next && !next.ok && next.retryAt ? next.retryAt : null,
    };
  }

  function cycleNumberOf(attempts: AttemptRow[], row: AttemptRow): number {
    const before = attempts.filter((a) => a.attempt_number < row.attempt_number);
    return currentCycle(before).length + 1;
  }

  async function lockedAttempt(tx: Queryable, person: SessionPerson, attemptId: string): Promise<AttemptRow> {
    const { rows } = await tx.query<AttemptRow>(
      "select * from certification_attempts where id = $1 for update",
      [attemptId],
    );
    const row = rows[0];
    // Someone else's attempt looks the same as no attempt.
    if (!row || row.person_id !== person.id) throw new HttpError(404, "not_found", "No such attempt");
    return row;
  }

  return {
    /** Rules, attempts used and what the learner may do next, for the exam's start screen. */
    async status(person: SessionPerson, courseId: string, now = new Date()) {
      const quiz = await bankOf(courseId);
      const attempts = await loadAttempts(db, person.id, courseId);
      const certificate = await currentCertificate(db, person.id, courseId, now);
      const open = attempts.find(
        (a) => a.status === "in_progress" && (a.state.attempt.deadline ?? Infinity) > now.getTime(),
      );
      const next = open ? undefined : eligibility(quiz.settings, attempts, certificate, now);
      const cycle = currentCycle(attempts);
      return {
        courseId,
        title: quiz.title,
        timeLimitMinutes: quiz.settings.timeLimitMinutes,
        passMark: quiz.settings.passMark,
        maxAttempts: quiz.settings.maxAttempts,
        cooldownMinutes: quiz.settings.cooldownMinutes,
        graceSeconds: GRACE_SECONDS,
        attemptsUsed: cycle.length,
        inProgress: open ? { attemptId: open.id, deadline: open.deadline ? iso(open.deadline) : null } : null,
        certificate: certificate
          ? {
              id: certificate.id,
              issuedAt: iso(certificate.issued_at),
              expiresAt: iso(certificate.expires_at),
            }
          : null,
        canStart: open !== undefined || next?.ok === true,
        reason: next && !next.ok ? next.code : null,
        retryAt: next && !next.ok && next.retryAt ? next.retryAt : null,
      };
    },

    /**
     * Starts an attempt on a freshly drawn secure form, or returns the one already in progress (a
     * reload or a retried request must not use up another attempt).
     */
    async start(
      person: SessionPerson,
      courseId: string,
      baseUrl: string,
      now = new Date(),
    ): Promise<AttemptView> {
      const quiz = await bankOf(courseId);
      // A refusal is returned, not thrown, so the timeouts found on the way are committed all the same.
      const outcome = await db.transaction(async (tx): Promise<AttemptView | Eligibility> => {
        await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 828))", [
          `${person.id}/${courseId}`,
        ]);
        for (const row of await loadAttempts(tx, person.id, courseId))
          await expireIfLate(tx, row, now, baseUrl);
        const attempts = await loadAttempts(tx, person.id, courseId);
        const open = attempts.find((a) => a.status === "in_progress");
        if (open) return view(open, true, cycleNumberOf(attempts, open));
        const check = eligibility(
          quiz.settings,
          attempts,
          await currentCertificate(tx, person.id, courseId, now),
          now,
        );
        if (!check.ok) return check;
        const id = randomUUID();
        // The seed decides the form and every public id; from a CSPRNG, and it never leaves the server.
        const seed = randomBytes(32).toString("base64url");
        const drawn = startAttempt({
          quiz,
          seed,
          now: now.getTime(),
          attemptNumber: check.attemptNumber,
          secure: true,
        });
        const limit = quiz.settings.timeLimitMinutes;
        const deadline = limit === null ? null : now.getTime() + limit * MINUTE;
        // The engine enforces the deadline it is given: the stated one plus the grace.
        const attempt: Attempt = {
          ...drawn,
          deadline: deadline === null ? null : deadline + GRACE_SECONDS * 1000,
        };
        const state: AttemptState = { title: quiz.title, attempt };
        const { rows } = await tx.query<AttemptRow>(
          `insert into certification_attempts
             (id, person_id, course_id, attempt_number, started_at, deadline, grace_seconds, status, state)
           values ($1, $2, $3, $4, $5, $6, $7, 'in_progress', $8) returning *`,
          [
            id,
            person.id,
            courseId,
            attempts.length + 1,
            iso(now),
            deadline === null ? null : iso(deadline),
            GRACE_SECONDS,
            JSON.stringify(state),
          ],
        );
        const initialized = buildStatement({
          id: randomUUID(),
          personId: person.id,
          verb: "initialized",
          activity: { courseId, assessment: "certification" },
          timestamp: iso(now),
          registration: id,
        }) as Statement;
        await ingestInTransaction(tx, rules, [initialized], { authority: SERVER_AGENT });
        return view(rows[0] as AttemptRow, false, check.attemptNumber);
      });
      if ("ok" in outcome && !outcome.ok) {
        const details = outcome.retryAt ? { retryAt: outcome.retryAt } : undefined;
        throw new HttpError(outcome.status, outcome.code, outcome.message, details);
      }
      return outcome as AttemptView;
    },

    /**
     * Reveals the next step of a scenario item once the candidate has chosen, and makes that choice
     * final: later steps would otherwise let a candidate explore branches and infer the key.
     */
    async scenarioStep(
      person: SessionPerson,
      attemptId: string,
      itemId: string,
      path: { step: string; choice: string }[],
      baseUrl: string,
      now = new Date(),
    ): Promise<{ step: PublicScenarioStep } | { end: true }> {
      const outcome = await db.transaction(async (tx) => {
        const row = await lockedAttempt(tx, person, attemptId);
        if (row.status === "graded") return { finished: true as const };
        if (await expireIfLate(tx, row, now, baseUrl)) return { late: true as const };
        const quiz = quizOf(row.state);
        let attempt = row.state.attempt;
        const next = nextPublicScenarioStep(quiz, attempt.form, itemId, path);
        if (next.kind === "invalid") throw new HttpError(400, "invalid_body", `path: ${next.message}`);
        if (path.length > 0) {
          const [entry] = Object.entries(fromPublicResponses(quiz, attempt.form, { [itemId]: { path } }));
          if (!entry) throw new HttpError(400, "invalid_body", "path: not a path of this scenario");
          const action = { type: "answer" as const, itemId: entry[0], response: entry[1] };
          const refused = actionError(attempt, action, now.getTime());
          // The engine's reasons may name internal item ids, so the candidate gets one without them.
          if (refused?.includes("cannot be changed")) {
            throw new HttpError(
              409,
              "scenario_choice_final",
              "path: a scenario choice cannot be changed once made",
            );
          }
          if (refused) throw new HttpError(400, "invalid_body", "path: not accepted for this item");
          attempt = applyAction(attempt, action, now.getTime());
          await tx.query("update certification_attempts set state = $2 where id = $1", [
            row.id,
            JSON.stringify({ ...row.state, attempt }),
          ]);
        }
        return { next };
      });
      if ("finished" in outcome)
        throw new HttpError(409, "attempt_finished", "This attempt has already been submitted");
      if ("late" in outcome) throw new HttpError(409, "time_over", "The time for this attempt is over");
      return outcome.next.kind === "step" ? { step: outcome.next.step } : { end: true };
    },

    /**
     * Grades the responses on the server. Submitting again returns the first result; a submit that
     * arrives after the deadline and its grace ends the attempt on what was saved in time (409).
     */
    async submit(
      person: SessionPerson,
      attemptId: string,
      responses: PublicResponses,
      baseUrl: string,
      now = new Date(),
    ): Promise<ResultView> {
      const result = await db.transaction(async (tx) => {
        const row = await lockedAttempt(tx, person, attemptId);
        if (row.status === "in_progress" && !(await expireIfLate(tx, row, now, baseUrl))) {
          let attempt = row.state.attempt;
          const answers = fromPublicResponses(quizOf(row.state), attempt.form, responses);
          for (const [itemId, response] of Object.entries(answers)) {
            attempt = applyAction(attempt, { type: "answer", itemId, response }, now.getTime());
          }
          await conclude(tx, row, applyAction(attempt, { type: "submit" }, now.getTime()), baseUrl);
        }
        const [graded] = (
          await tx.query<AttemptRow>("select * from certification_attempts where id = $1", [row.id])
        ).rows;
        return resultOf(tx, graded as AttemptRow, now);
      });
      if (result.endedBy === "timeout") {
        throw new HttpError(
          409,
          "time_over",
          "The time for this attempt ran out before the answers arrived",
          result,
        );
      }
      return result;
    },
  };
}

export type CertificationService = ReturnType<typeof certificationService>;
