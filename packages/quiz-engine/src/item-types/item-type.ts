import type { PublicItem } from "../public-types.ts";
import type { Rng } from "../random.ts";
import type { GradeState, ItemOfType, ItemTypeName, ResponseByType, Text } from "../types.ts";
import type { Ctx, Obj, PathSeg } from "../validate/check.ts";

/** @internal What a type's grader returns before points are applied. */
export interface Graded {
  /** 0..1 */
  fraction: number;
  /** Feedback attached to what was picked. */
  feedback: Text[];
}

/** @internal Public view of an item without the fields every item has. */
export type PublicBody<T extends ItemTypeName> = Omit<
  Extract<PublicItem, { type: T }>,
  "id" | "type" | "stem"
>;

/**
 * @internal Mints an opaque id for one slot of a public form and remembers the internal id and the
 * role behind it. `slot` identifies a position, never content. Roles keep namespaces apart: a
 * matching prompt's public id must not be accepted where a choice is expected.
 */
export type Mint = (internalId: string, role: string, ...slot: (string | number)[]) => string;

/** @internal The inverse of Mint for one item: undefined for an unknown id or the wrong role. */
export type Lookup = (publicId: string, role: string) => string | undefined;

/**
 * @internal An item type: a record of pure functions keyed by `type` (Moodle's question type).
 * It knows content (validation, grading, shuffling, public view); it knows nothing about flow,
 * which belongs to behaviours.
 */
export interface ItemType<T extends ItemTypeName> {
  readonly type: T;
  /** Fields of this type besides the common item fields. */
  readonly fields: readonly string[];
  validate(item: Obj, path: readonly PathSeg[], ctx: Ctx): void;
  /** Reads an untrusted response; undefined when it has the wrong shape or is empty. */
  readResponse(item: ItemOfType<T>, raw: unknown): ResponseByType[T] | undefined;
  /** Complete enough to be checked in immediate-feedback mode. */
  isComplete(item: ItemOfType<T>, response: ResponseByType[T]): boolean;
  grade(item: ItemOfType<T>, response: ResponseByType[T]): Graded;
  /** A response that earns full credit, shown in review. */
  correctResponse(item: ItemOfType<T>): ResponseByType[T];
  /** Realised orders for a form (see FormItem). */
  drawOrder(item: ItemOfType<T>, rng: Rng, shuffle: boolean): Record<string, string[]>;
  publicView(item: ItemOfType<T>, order: Record<string, string[]>, mint: Mint): PublicBody<T>;
  /** Rewrites the ids in a public response with `lookup`; the result is read with readResponse. */
  fromPublicResponse(raw: unknown, lookup: Lookup): unknown;
  /** What the response picked, for item analysis ("how often each option was picked"). */
  responseKeys(item: ItemOfType<T>, response: ResponseByType[T]): string[];
  /** Keys that should be reported even when never picked (distractors nobody chooses). */
  knownKeys(item: ItemOfType<T>): string[];
}

/** @internal Moodle's fraction → state, with its tolerances. */
export function gradeState(fraction: number): GradeState {
  if (fraction > 0.999999) return "right";
  if (fraction < 0.000001) return "wrong";
  return "partial";
}
