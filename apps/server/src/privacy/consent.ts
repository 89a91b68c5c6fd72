import type { Queryable } from "../db/database.ts";
import { NOTICE_VERSION, PRIVACY_NOTICE } from "./notice.ts";

export interface ConsentState {
  noticeVersion: string;
  notice: typeof PRIVACY_NOTICE;
  /** The person's latest decision, on whichever version they saw. */
  consent: { noticeVersion: string; accepted: boolean; decidedAt: string } | null;
  /** True until the current notice has been accepted: the player shows the notice first. */
  required: boolean;
}

export async function consentState(db: Queryable, personId: string): Promise<ConsentState> {
  const { rows } = await db.query<{ notice_version: string; accepted: boolean; decided_at: Date }>(
    "select notice_version, accepted, decided_at from consents where person_id = $1 order by decided_at desc, id limit 1",
    [personId],
  );
  const row = rows[0];
  const consent = row
    ? {
        noticeVersion: row.notice_version,
        accepted: row.accepted,
        decidedAt: new Date(row.decided_at).toISOString(),
      }
    : null;
  return {
    noticeVersion: NOTICE_VERSION,
    notice: PRIVACY_NOTICE,
    consent,
    required: !(consent?.accepted && consent.noticeVersion === NOTICE_VERSION),
  };
}

/** Records a decision; repeating the current one adds nothing, so the history stays readable. */
export async function recordConsent(db: Queryable, personId: string, accepted: boolean): Promise<void> {
  await db.query(
    `insert into consents (person_id, notice_version, accepted)
     select $1, $2, $3
      where not exists (
        select 1 from (select notice_version, accepted from consents where person_id = $1
                        order by decided_at desc, id limit 1) latest
         where latest.notice_version = $2 and latest.accepted = $3)`,
    [personId, NOTICE_VERSION, accepted],
  );
}
