import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useEffect, useRef } from "react";
import { postStatements } from "../api.ts";
import { db } from "../db/player-db.ts";
import { useUi } from "../store.ts";
import { backoffDelay, syncOutbox } from "./outbox-sync.ts";

const PERIOD_MS = 60_000;

/** Syncs on start, when the device comes online, when new records appear, and every minute, with backoff. */
export function useSyncEngine(personId: string | undefined) {
  const setSyncPhase = useUi((state) => state.setSyncPhase);
  const syncRequests = useUi((state) => state.syncRequests);
  const pending = useLiveQuery(
    () => (personId ? db.outbox.where("personId").equals(personId).count() : 0),
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
      const outcome = await syncOutbox(db, personId, postStatements);
      running.current = false;
      if (outcome.kind === "done") {
        failures.current = 0;
        retryAt.current = 0;
        setSyncPhase("idle");
      } else if (outcome.kind === "unauthenticated") {
        setSyncPhase("needs-sign-in");
      } else {
        failures.current++;
        retryAt.current = Date.now() + backoffDelay(failures.current);
        setSyncPhase(navigator.onLine ? "error" : "offline");
        setTimeout(() => void run(), backoffDelay(failures.current));
      }
    },
    [personId, setSyncPhase],
  );

  useEffect(() => {
    if (pending > 0) void run();
  }, [pending, run]);

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

  return { pending, syncNow: () => run(true) };
}
