import type { XapiStatement } from "@bvte/learning-records";
import type { PublicForm, PublicResponses, PublicScenarioStep } from "@bvte/quiz-engine";
import { type Certificate, db, type PrivacyNotice, type Profile } from "./db/player-db.ts";

/** A refused request: `status` and the server's error `code` (e.g. "code_expired"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code?: string,
  ) {
    super(code ? `HTTP ${status} ${code}` : `HTTP ${status}`);
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const response = await fetch(path, { credentials: "same-origin", ...init, headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(response.status, body?.error);
  }
  return response;
}

async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await request(path, { method: "POST", body: JSON.stringify(body) });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export function postStatements(statements: XapiStatement[]): Promise<Response> {
  return fetch("/xapi/statements", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "X-Experience-API-Version": "1.0.3" },
    body: JSON.stringify(statements),
  });
}

/**
 * Whether this browser still has a session, and for this learner. Asked before records are sent:
 * /xapi answers a request with no session cookie (the cookie is dropped when the session expires)
 * with an HTTP Basic challenge, which would make the browser prompt for a password.
 */
export async function sessionState(personId: string): Promise<"valid" | "signed-out" | "unreachable"> {
  try {
    const response = await fetch("/api/auth/me", { credentials: "same-origin" });
    if (response.status === 401) return "signed-out";
    if (!response.ok) return "unreachable";
    const me = (await response.json()) as { id?: string };
    // Someone else signed in on this browser: this learner's records must wait for them.
    return me.id === personId ? "valid" : "signed-out";
  } catch {
    return "unreachable";
  }
}

export async function signIn(login: string, password: string): Promise<Profile> {
  await postJson("/api/auth/signin", { login, password });
  const me = await getJson<Omit<Profile, "key" | "consentNeeded" | "privacyNotice">>("/api/auth/me");
  const consent = await consentState();
  const profile: Profile = {
    key: "current",
    id: me.id,
    login: me.login,
    displayName: me.displayName,
    roles: me.roles,
    homeUnitId: me.homeUnitId,
    ...(consent ? { consentNeeded: consent.required, privacyNotice: consent.notice } : {}),
  };
  await db.profile.put(profile);
  await refreshFromServer(profile.id);
  return profile;
}

/** Pulls what the server knows about this learner: requirements, progress made on other devices, certificates. */
export async function refreshFromServer(personId: string): Promise<void> {
  const [requirements, progress, certificates] = await Promise.all([
    getJson<{
      requirements: { cohortId: string; cohortName: string; courseId: string; deadline: string | null }[];
    }>("/api/me/requirements"),
    getJson<{
      courses: {
        courseId: string;
        status: "in_progress" | "completed" | "passed";
        lastPassedAt: string | null;
        bestScore: number | null;
        lessonsCompleted: string[];
      }[];
    }>("/api/me/progress"),
    fetchCertificates(),
  ]);
  await db.transaction(
    "rw",
    [db.requirements, db.serverStatus, db.lessonProgress, db.certificates],
    async () => {
      await db.requirements.where("personId").equals(personId).delete();
      await db.requirements.bulkPut(requirements.requirements.map((row) => ({ personId, ...row })));
      await db.serverStatus.where("personId").equals(personId).delete();
      await db.serverStatus.bulkPut(
        progress.courses.map(({ courseId, status, lastPassedAt, bestScore }) => ({
          personId,
          courseId,
          status,
          lastPassedAt,
          bestScore,
        })),
      );
      // Lessons finished on another device count here too; local rows are never overwritten.
      for (const course of progress.courses) {
        for (const lessonId of course.lessonsCompleted) {
          const key: [string, string, string] = [personId, course.courseId, lessonId];
          if (!(await db.lessonProgress.get(key))) {
            await db.lessonProgress.put({
              personId,
              courseId: course.courseId,
              lessonId,
              status: "completed",
              position: 1,
              updatedAt: Date.now(),
            });
          }
        }
      }
      if (certificates) {
        await db.certificates.where("personId").equals(personId).delete();
        await db.certificates.bulkPut(certificates.map((certificate) => ({ ...certificate, personId })));
      }
    },
  );
}

/** The learner's certificates, or null while the server has no certificate service to ask. */
async function fetchCertificates(): Promise<Omit<Certificate, "personId">[] | null> {
  try {
    const body = await getJson<{ certificates: Omit<Certificate, "personId">[] }>("/api/me/certificates");
    return body.certificates.map(
      ({ id, courseId, issuedAt, expiresAt, percentage, status, verifyUrl, pdfUrl }) => ({
        id,
        courseId,
        issuedAt,
        expiresAt,
        percentage,
        status,
        verifyUrl,
        pdfUrl,
      }),
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function signOut(): Promise<void> {
  await fetch("/api/auth/signout", { method: "POST", credentials: "same-origin" }).catch(() => undefined);
  await db.profile.clear();
}

/** The server's privacy notice and whether this learner still has to accept it (null: no consent service). */
async function consentState(): Promise<{ required: boolean; notice: PrivacyNotice } | null> {
  try {
    return await getJson<{ required: boolean; notice: PrivacyNotice }>("/api/me/consent");
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Records that the learner accepted this version of the notice. If the notice changed since it was
 * shown (409 stale_notice), the new one replaces it on the device and the error goes to the caller,
 * so the learner reads the new text before agreeing.
 */
export async function giveConsent(noticeVersion: string): Promise<void> {
  try {
    const state = await postJson<{ required: boolean; notice: PrivacyNotice }>("/api/me/consent", {
      noticeVersion,
      accepted: true,
    });
    await db.profile.update("current", { consentNeeded: state.required, privacyNotice: state.notice });
  } catch (error) {
    if (error instanceof ApiError && error.code === "stale_notice") {
      const state = await consentState();
      if (state)
        await db.profile.update("current", { consentNeeded: state.required, privacyNotice: state.notice });
    }
    throw error;
  }
}

export interface JoinedCohort {
  cohortId: string;
  cohortName: string;
  unitName: string;
  alreadyMember: boolean;
}

/** Which cohort a join code leads to, for the learner to confirm before joining. */
export function describeJoinCode(code: string): Promise<JoinedCohort> {
  return getJson(`/api/join/${encodeURIComponent(code)}`);
}

/** Joins a cohort by its code; the new requirements are pulled right away. */
export async function joinCohort(code: string, personId: string): Promise<JoinedCohort> {
  const joined = await postJson<JoinedCohort>("/api/join", { code });
  await refreshFromServer(personId).catch(() => undefined);
  return joined;
}

export interface StartedCertification {
  attemptId: string;
  form: PublicForm;
  startedAt: string;
  /** Null for an untimed exam. */
  deadline: string | null;
  graceSeconds: number;
  /** The server returned the attempt already in progress (e.g. started before a reload). */
  resumed?: boolean;
}

/** The exam's rules and what the learner may do now, for its start screen. */
export interface CertificationStatus {
  timeLimitMinutes: number | null;
  passMark: number;
  maxAttempts: number | null;
  attemptsUsed: number;
  canStart: boolean;
  reason: string | null;
  retryAt: string | null;
}

export function certificationStatus(courseId: string): Promise<CertificationStatus> {
  return getJson(`/api/certification/${encodeURIComponent(courseId)}`);
}

export function startCertification(courseId: string): Promise<StartedCertification> {
  return postJson(`/api/certification/${encodeURIComponent(courseId)}/attempts`);
}

export function submitCertification(attemptId: string, responses: PublicResponses): Promise<Response> {
  return fetch(`/api/certification/attempts/${encodeURIComponent(attemptId)}/submit`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ responses }),
  });
}

export type ScenarioNext = { kind: "step"; step: PublicScenarioStep } | { kind: "end" };

/**
 * The next step of a certification scenario after the public path chosen so far. The server makes
 * the choice final and reveals only the step it leads to.
 */
export async function nextCertificationScenarioStep(
  attemptId: string,
  itemId: string,
  path: { step: string; choice: string }[],
): Promise<ScenarioNext> {
  const next = await postJson<{ step: PublicScenarioStep } | { end: true }>(
    `/api/certification/attempts/${encodeURIComponent(attemptId)}/scenario-step`,
    { itemId, path },
  );
  return "step" in next ? { kind: "step", step: next.step } : { kind: "end" };
}
