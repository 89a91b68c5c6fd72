import { z } from "zod";
import { HttpError } from "../http/validation.ts";

/**
 * Report dates are whole days in Vietnam (UTC+7, no daylight saving): a figure "on 20/05" counts
 * everything up to 23:59:59.999 that evening.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

const isoDate = z.iso.date();

/** The last instant of a Vietnamese calendar day given as YYYY-MM-DD. */
export function endOfVietnamDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+07:00`);
}

/** The Vietnamese calendar day (YYYY-MM-DD) an instant falls on. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The last day of the month `date` is in. */
export function endOfMonth(date: string): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export interface AsOf {
  /** The Vietnamese day the figures are for. */
  date: string;
  /** The instant figures are counted at: the end of that day, or now when no date was asked for. */
  instant: Date;
}

/**
 * Reads an `asOf=YYYY-MM-DD` query parameter. Without one, figures are as of now (the end of today
 * would count nothing more, but "now" keeps a just-recorded pass and a just-added member visible).
 */
export function parseAsOf(value: string | undefined, now = new Date()): AsOf {
  if (value === undefined || value === "") return { date: vietnamDate(now), instant: now };
  if (!isoDate.safeParse(value).success) {
    throw new HttpError(400, "invalid_query", "asOf: expected a date as YYYY-MM-DD");
  }
  return { date: value, instant: endOfVietnamDay(value) };
}
