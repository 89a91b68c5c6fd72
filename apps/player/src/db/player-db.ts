import type { XapiStatement } from "@bvte/learning-records";
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

export class PlayerDB extends Dexie {
  outbox!: EntityTable<OutboxEntry, "seq">;
  rejected!: EntityTable<RejectedEntry, "seq">;
  lessonProgress!: Table<LessonProgress, [personId: string, courseId: string, lessonId: string]>;
  profile!: EntityTable<Profile, "key">;
  requirements!: Table<Requirement, [personId: string, cohortId: string, courseId: string]>;
  serverStatus!: Table<ServerCourseStatus, [personId: string, courseId: string]>;

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
  }
}

export const db = new PlayerDB();
