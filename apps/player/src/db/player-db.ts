import type { XapiStatement } from "@bvte/learning-records";
import type { Attempt, PublicForm, PublicResponses, PublicScenarioStep } from "@bvte/quiz-engine";
import Dexie, { type EntityTable, type Table } from "dexie";

/** A statement waiting for the server's acknowledgement; `seq` keeps the order it was written in. */
export interface OutboxEntry {
  seq?: number;
  statementId: string;
  personId: string;
  statement: XapiStatement;
  createdAt: number;
}

export interface LessonProgress {
  personId: string;
  courseId: string;
  lessonId: string;
  status: "started" | "completed";
  /** How far down the lesson the learner had scrolled, 0..1, to resume there. */
  position: number;
  updatedAt: number;
}

/** The signed-in learner, kept so the app opens offline; holds no password or session token. */
export interface Profile {
  key: "current";
  id: string;
  login: string;
  displayName: string;
  roles: string[];
  homeUnitId: string;
  /** Set while the server still waits for this learner to accept its current privacy notice. */
  consentNeeded?: boolean;
  /** The server's privacy notice, kept so it can be read again offline. */
  privacyNotice?: PrivacyNotice;
}

/** The privacy notice as the server words it (Vietnamese first); its version is what consent is given to. */
export interface PrivacyNotice {
  version: string;
  title: { vi: string; en: string };
  sections: { heading: { vi: string; en: string }; body: { vi: string; en: string } }[];
}

export interface Requirement {
  personId: string;
  cohortId: string;
  cohortName: string;
  courseId: string;
  deadline: string | null;
}

export interface ServerCourseStatus {
  personId: string;
  courseId: string;
  status: "in_progress" | "completed" | "passed";
  lastPassedAt: string | null;
  bestScore: number | null;
}

/** A statement the server refused as malformed or conflicting: kept, never resent, shown to the learner. */
export interface RejectedEntry extends OutboxEntry {
  status: number;
  reason: string;
}

/** Which practice quiz of a course: a lesson's knowledge check (by lesson id) or the final assessment. */
export type QuizKey = string;
export const FINAL_QUIZ: QuizKey = "final";

/**
 * One practice attempt (knowledge check or final assessment), graded on the device. `attempt` is the
 * quiz engine's JSON with its append-only steps, so a reload resumes exactly where the learner was.
 */
export interface PracticeAttempt {
  /** Also the xAPI registration of the attempt's statements. */
  id: string;
  personId: string;
  courseId: string;
  quizKey: QuizKey;
  attempt: Attempt;
}

/** The server's grade of a certification exam. */
export interface CertificationResult {
  score: number;
  maxScore: number;
  percentage: number;
  passed: boolean;
  certificateId?: string;
  /** Attempts left in this certification cycle (null: unlimited or passed). */
  attemptsLeft?: number | null;
  /** When the next attempt may start, if there is a cooldown. */
  retryAt?: string | null;
}

/**
 * A certification exam as this device holds it: the keyless form from the server, the answers given
 * so far (saved as they are given, so a dropped connection loses nothing), and the submission state.
 */
export interface CertificationAttempt {
  attemptId: string;
  personId: string;
  courseId: string;
  form: PublicForm;
  startedAt: string;
  /** Null for an untimed exam. */
  deadline: string | null;
  graceSeconds: number;
  /** The deadline on this device's clock (server deadline shifted by the clock difference at start). */
  localDeadline: number | null;
  responses: PublicResponses;
  /** Scenario steps revealed by the server after the first, by public item id. */
  scenarioSteps: Record<string, PublicScenarioStep[]>;
  /** Scenarios the server said have ended, by public item id. */
  scenarioEnded: Record<string, boolean>;
  /**
   * in-progress → submitting (the learner submitted; retried until the server answers) → graded, or
   * refused (the server would not grade it, e.g. submitted after the time limit).
   */
  status: "in-progress" | "submitting" | "graded" | "refused";
  submittedAt?: number;
  /** The grade; for a refused (late) exam, the server's grade of what it had received in time. */
  result?: CertificationResult;
  /** Why the server would not grade the answers: "late" (after the time limit and grace) or an error code. */
  refusal?: string;
}

export interface Certificate {
  id: string;
  personId: string;
  courseId: string;
  issuedAt: string;
  expiresAt: string | null;
  /** The exam score, 0..100. */
  percentage: number | null;
  status: "valid" | "expired" | "revoked" | "forged";
  verifyUrl: string;
  pdfUrl: string;
}

/** Marks that the course's "completed" record was written, so finishing lessons again never repeats it. */
export interface CourseCompletion {
  personId: string;
  courseId: string;
  completedAt: number;
}

export class PlayerDB extends Dexie {
  outbox!: EntityTable<OutboxEntry, "seq">;
  rejected!: EntityTable<RejectedEntry, "seq">;
  lessonProgress!: Table<LessonProgress, [personId: string, courseId: string, lessonId: string]>;
  profile!: EntityTable<Profile, "key">;
  requirements!: Table<Requirement, [personId: string, cohortId: string, courseId: string]>;
  serverStatus!: Table<ServerCourseStatus, [personId: string, courseId: string]>;
  attempts!: EntityTable<PracticeAttempt, "id">;
  certificationAttempts!: EntityTable<CertificationAttempt, "attemptId">;
  certificates!: EntityTable<Certificate, "id">;
  courseCompletions!: Table<CourseCompletion, [personId: string, courseId: string]>;

  constructor(name = "bvte-player") {
    super(name);
    this.version(1).stores({
      outbox: "++seq, &statementId, personId",
      rejected: "seq, personId",
      lessonProgress: "[personId+courseId+lessonId], [personId+courseId], updatedAt",
      profile: "key",
      requirements: "[personId+cohortId+courseId], personId",
      serverStatus: "[personId+courseId], personId",
    });
    // Version 2 only adds tables (quizzes, certification, certificates): every v1 row keeps its shape,
    // so no upgrade function is needed; db/migration.test.ts proves v1 data survives the update.
    this.version(2).stores({
      attempts: "id, [personId+courseId+quizKey], personId",
      certificationAttempts: "attemptId, [personId+courseId], personId, status",
      certificates: "id, personId",
      courseCompletions: "[personId+courseId], personId",
    });
  }
}

export const db = new PlayerDB();
