import { Hono } from "hono";
import { z } from "zod";
import { verifyCertificate } from "../certificates/certificates.ts";
import type { Config } from "../config.ts";
import type { CourseCatalog } from "../content.ts";
import type { Database } from "../db/database.ts";
import { consentState, recordConsent } from "../privacy/consent.ts";
import { exportPersonalData } from "../privacy/export.ts";
import { NOTICE_VERSION } from "../privacy/notice.ts";
import { publicBaseUrl } from "./public-url.ts";
import { type AppEnv, requirePerson } from "./session.ts";
import { HttpError, readJson } from "./validation.ts";

const consentSchema = z.object({ noticeVersion: z.string().min(1).max(50), accepted: z.boolean() }).strict();

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

/**
 * What a signed-in person needs about themself: progress (to restore a new device), requirements,
 * certificates, the privacy notice and their consent, and a download of all their data.
 */
export function learnerRoutes(db: Database, catalog: CourseCatalog, config: Config) {
  const app = new Hono<AppEnv>();

  app.get("/progress", async (c) => {
    const person = requirePerson(c);
    const { rows } = await db.query<{
      course_id: string;
      status: string;
      started_at: Date;
      completed_at: Date | null;
      last_passed_at: Date | null;
      best_score: string | null;
      lessons_completed: string[];
      expires_at: Date | null;
      certified_at: Date | null;
      certification_expires_at: Date | null;
      certified: boolean;
    }>(
      `select cs.course_id, cs.status, cs.started_at, cs.completed_at, cs.last_passed_at, cs.best_score::text,
              cs.lessons_completed, cs.expires_at, cs.certified_at, cs.certification_expires_at,
              exists (select 1 from certificates c
                       where c.person_id = cs.person_id and c.course_id = cs.course_id
                         and c.revoked_at is null and c.expires_at > now()) as certified
         from course_status cs where cs.person_id = $1 order by cs.course_id`,
      [person.id],
    );
    return c.json({
      courses: rows.map((row) => ({
        courseId: row.course_id,
        status: row.status,
        startedAt: row.started_at,
        completedAt: row.completed_at,
        lastPassedAt: row.last_passed_at,
        bestScore: row.best_score === null ? null : Number(row.best_score),
        lessonsCompleted: row.lessons_completed,
        /** When the latest pass stops counting (the course's validity); null: never, or not passed. */
        expiresAt: iso(row.expires_at),
        /** Holds a certificate for this course that is neither expired nor revoked. */
        certified: row.certified,
        certifiedAt: iso(row.certified_at),
        certificationExpiresAt: iso(row.certification_expires_at),
      })),
    });
  });

  app.get("/requirements", async (c) => {
    const person = requirePerson(c);
    const { rows } = await db.query<{
      cohort_id: string;
      name: string;
      deadline: string | null;
      course_id: string;
    }>(
      `select c.id as cohort_id, c.name, to_char(c.deadline, 'YYYY-MM-DD') as deadline, cc.course_id
         from cohort_members m join cohorts c on c.id = m.cohort_id
         join cohort_courses cc on cc.cohort_id = c.id
        where m.person_id = $1 order by c.deadline nulls last, c.name, cc.course_id`,
      [person.id],
    );
    return c.json({
      requirements: rows.map((row) => ({
        cohortId: row.cohort_id,
        cohortName: row.name,
        deadline: row.deadline,
        courseId: row.course_id,
      })),
    });
  });

  app.get("/certificates", async (c) => {
    const person = requirePerson(c);
    const base = publicBaseUrl(c, config);
    const { rows } = await db.query<{
      id: string;
      course_id: string;
      issued_at: Date;
      expires_at: Date;
      percentage: string | null;
    }>(
      `select c.id, c.course_id, c.issued_at, c.expires_at,
              c.credential #>> '{credentialSubject,result,0,value}' as percentage
         from certificates c where c.person_id = $1 order by c.issued_at desc`,
      [person.id],
    );
    const certificates = [];
    for (const row of rows) {
      const verification = await verifyCertificate(db, row.id);
      certificates.push({
        id: row.id,
        courseId: row.course_id,
        courseTitle: catalog.find(row.course_id)?.manifest.title ?? null,
        issuedAt: iso(row.issued_at),
        expiresAt: iso(row.expires_at),
        percentage: row.percentage === null ? null : Number(row.percentage),
        status: verification.status,
        revokedAt: verification.revokedAt,
        verifyUrl: `${base}/verify/${row.id}`,
        pdfUrl: `/api/certificates/${row.id}.pdf`,
      });
    }
    return c.json({ certificates });
  });

  app.get("/consent", async (c) => {
    const person = requirePerson(c);
    return c.json(await consentState(db, person.id));
  });

  app.post("/consent", async (c) => {
    const person = requirePerson(c);
    const body = await readJson(c, consentSchema);
    if (body.noticeVersion !== NOTICE_VERSION) {
      throw new HttpError(
        409,
        "stale_notice",
        `noticeVersion: the current notice is ${NOTICE_VERSION}; show it again`,
      );
    }
    await recordConsent(db, person.id, body.accepted);
    return c.json(await consentState(db, person.id));
  });

  app.get("/export", async (c) => {
    const person = requirePerson(c);
    const data = await exportPersonalData(db, person.id);
    const day = new Date().toISOString().slice(0, 10);
    c.header("Content-Disposition", `attachment; filename="bvte-du-lieu-ca-nhan-${day}.json"`);
    return c.json(data);
  });

  return app;
}
