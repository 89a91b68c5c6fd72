import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useEffect, useRef } from "react";
import { ApiError, postStatements, refreshFromServer, sessionState, submitCertification } from "../api.ts";
import { deliverSubmissions } from "../certification/exam-store.ts";
import { db } from "../db/player-db.ts";
import { useUi } from "../store.ts";
import { backoffDelay, type SyncOutcome, syncOutbox } from "./outbox-sync.ts";

const PERIOD_MS = 60_000;

/**
 * Syncs on start, when the device comes online, when new records appear, and every minute, with
 * backoff: after checking the session, first the outbox of learning records, then handed-in
 * certification exams. Forced runs (start, reconnect, "sync now", a new sign-in) also pull what the
 * server knows afterwards.
 */
export function useSyncEngine(personId: string | undefined) {
  const setSyncPhase = useUi((state) => state.setSyncPhase);
  const syncRequests = useUi((state) => state.syncRequests);
  const pending = useLiveQuery(
    () => (personId ? db.outbox.where("personId").equals(personId).count() : 0),
    [personId],
    0,
  );
  const examsWaiting = useLiveQuery(
    () =>
      personId
        ? db.certificationAttempts
            .where("personId")
            .equals(personId)
            .filter((exam) => exam.status === "submitting")
            .count()
        : 0,
    [personId],
    0,
  );
  const running = useRef(false);
  const failures = useRef(0);
  const retryAt = useRef(0);

  const run = useCallback(
    async (force = false) => {
      if (!personId || running.current) return;
      if (!force && Date.now() < retryAt.current) return;
      if (!navigator.onLine) {
        setSyncPhase("offline");
        return;
      }
      running.current = true;
      setSyncPhase("syncing");
      const session = await sessionState(personId);
      let outcome: SyncOutcome =
        session === "signed-out"
          ? { kind: "unauthenticated", sent: 0 }
          : session === "unreachable"
            ? { kind: "failed", sent: 0, error: "the server cannot be reached" }
            : await syncOutbox(db, personId, postStatements);
      if (outcome.kind === "done") {
        const delivery = await deliverSubmissions(personId, submitCertification);
        if (delivery.kind !== "done") outcome = { ...delivery, sent: outcome.sent };
        else if (force || delivery.delivered > 0) {
          // Only a refused session matters here; a failed pull is retried on the next forced run.
          const signedOut = await refreshFromServer(personId).then(
            () => false,
            (error: unknown) => error instanceof ApiError && error.status === 401,
          );
          if (signedOut) outcome = { kind: "unauthenticated", sent: outcome.sent };
        }
      }
      running.current = false;
      if (outcome.kind === "done") {
        failures.current = 0;
        retryAt.current = 0;
        setSyncPhase("idle");
      } else if (outcome.kind === "unauthenticated") {
        setSyncPhase("needs-sign-in");
      } else {
        failures.current++;
        const delay = backoffDelay(failures.current);
        retryAt.current = Date.now() + delay;
        setSyncPhase(navigator.onLine ? "error" : "offline");
        setTimeout(() => void run(), delay);
      }
    },
    [personId, setSyncPhase],
  );

  useEffect(() => {
    if (pending > 0 || examsWaiting > 0) void run();
  }, [pending, examsWaiting, run]);

  useEffect(() => {
    if (syncRequests > 0) void run(true);
  }, [syncRequests, run]);

  useEffect(() => {
    void run(true);
    const online = () => void run(true);
    const offline = () => setSyncPhase("offline");
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    const timer = setInterval(() => void run(), PERIOD_MS);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      clearInterval(timer);
    };
  }, [run, setSyncPhase]);

  return { pending, examsWaiting, syncNow: () => run(true) };
}
