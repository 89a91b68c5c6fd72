import type { XapiStatement } from "@bvte/learning-records";
import { db, type Profile } from "./db/player-db.ts";

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: "same-origin" });
  if (!response.ok) throw new ApiError(response.status);
  return (await response.json()) as T;
}

export function postStatements(statements: XapiStatement[]): Promise<Response> {
  return fetch("/xapi/statements", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "X-Experience-API-Version": "1.0.3" },
    body: JSON.stringify(statements),
  });
}

export async function signIn(login: string, password: string): Promise<Profile> {
  const response = await fetch("/api/auth/signin", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new ApiError(response.status);
  const me = await getJson<Omit<Profile, "key">>("/api/auth/me");
  const profile: Profile = { key: "current", ...me };
  await db.profile.put(profile);
  await refreshFromServer(profile.id);
  return profile;
}

/** Pulls what the server knows about this learner: requirements, and progress made on other devices. */
export async function refreshFromServer(personId: string): Promise<void> {
  const [requirements, progress] = await Promise.all([
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
  ]);
  await db.transaction("rw", db.requirements, db.serverStatus, db.lessonProgress, async () => {
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
  });
}

export async function signOut(): Promise<void> {
  await fetch("/api/auth/signout", { method: "POST", credentials: "same-origin" }).catch(() => undefined);
  await db.profile.clear();
}
