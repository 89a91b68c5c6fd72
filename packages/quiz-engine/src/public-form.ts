/**
 * Secure forms for certification. The server keeps the secret definition and the form (whose seed
 * is secret); the learner receives only the public form. Every public id is SHA-256 of the form's
 * seed and a slot (item position, role, option position), so ids carry no trace of definition ids,
 * and the presentation order is the form's shuffled order, so position reveals nothing either.
 *
 * Scenarios: branching would reveal which choice leads where, and later steps can hint at the
 * expected first choice. The public form therefore carries only the case stem and the first step;
 * each later step is revealed by the server (nextPublicScenarioStep) once the candidate has chosen,
 * and the server must keep earlier choices final (the attempt reducer refuses to change them).
 */

import { formItems } from "./form.ts";
import { gradeItems } from "./grade.ts";
import type { Lookup, Mint } from "./item-types/item-type.ts";
import { typeOf } from "./item-types/registry.ts";
import { readScenario } from "./item-types/scenario/grade.ts";
import { walkScenario } from "./item-types/scenario/graph.ts";
import { publicStep } from "./item-types/scenario/index.ts";
import type { PublicForm, PublicItem, PublicResponses, PublicScenarioStep } from "./public-types.ts";
import { opaqueId } from "./random.ts";
import type { Form, FormItem, Item, QuizDefinition, QuizResult, Responses } from "./types.ts";

interface PublicSlot {
  item: Item;
  formItem: FormItem;
  view: PublicItem;
  mint: Mint;
  lookup: Lookup;
}

function publicSlot(form: Form, item: Item, formItem: FormItem, position: number): PublicSlot {
  const table = new Map<string, { internal: string; role: string }>();
  const mint: Mint = (internal, role, ...slot) => {
    // The kind (before ":") separates namespaces whose slots share numbers, e.g. prompts and choices.
    const id = opaqueId(form.seed, "public", position, role.split(":")[0] ?? role, ...slot);
    table.set(id, { internal, role });
    return id;
  };
  const lookup: Lookup = (publicId, role) => {
    const entry = table.get(publicId);
    return entry?.role === role ? entry.internal : undefined;
  };
  const body = typeOf(item).publicView(item, formItem.order, mint);
  const view = {
    id: opaqueId(form.seed, "public", position, "item"),
    type: item.type,
    stem: item.stem,
    ...body,
  } as PublicItem;
  return { item, formItem, view, mint, lookup };
}

function publicSlots(quiz: QuizDefinition, form: Form): PublicSlot[] {
  if (!form.secure) {
    throw new Error("a public form needs a form drawn with { secure: true }, whose order is always shuffled");
  }
  const items = formItems(quiz, form);
  return form.items.map((formItem, position) =>
    publicSlot(form, items[position] as Item, formItem, position),
  );
}

/** @public The form a certification candidate receives: nothing in it reveals a key. */
export function toPublicForm(quiz: QuizDefinition, form: Form): PublicForm {
  const items = publicSlots(quiz, form).map((slot) => slot.view);
  return {
    formId: opaqueId(form.seed, "public", "form"),
    title: quiz.title,
    timeLimitMinutes: quiz.settings.timeLimitMinutes,
    items,
  };
}

/**
 * @public Translates responses to a public form into responses by item id, for grading or for
 * storing in an attempt. Unknown ids and malformed responses are dropped (they count as unanswered).
 */
export function fromPublicResponses(quiz: QuizDefinition, form: Form, responses: PublicResponses): Responses {
  return translate(publicSlots(quiz, form), responses);
}

function translate(slots: readonly PublicSlot[], responses: PublicResponses): Responses {
  const out: Responses = {};
  for (const slot of slots) {
    const raw = responses[slot.view.id];
    if (raw === undefined || raw === null) continue;
    const type = typeOf(slot.item);
    const read = type.readResponse(slot.item, type.fromPublicResponse(raw, slot.lookup));
    if (read !== undefined) out[slot.item.id] = read;
  }
  return out;
}

/** @public Grades a candidate's public responses against the secret definition (server side). */
export function gradePublicResponses(
  quiz: QuizDefinition,
  form: Form,
  responses: PublicResponses,
): QuizResult {
  const slots = publicSlots(quiz, form);
  return gradeItems(
    slots.map((slot) => slot.item),
    translate(slots, responses),
    quiz.settings.passMark,
  );
}

/** @public */
export type PublicScenarioNext =
  | { kind: "step"; step: PublicScenarioStep }
  | { kind: "end" }
  | { kind: "invalid"; message: string };

/**
 * @public The next step of a scenario in a public form, given the public path chosen so far
 * (`[{ step, choice }]`, possibly empty). Reveals nothing about scores or where other choices lead.
 */
export function nextPublicScenarioStep(
  quiz: QuizDefinition,
  form: Form,
  publicItemId: string,
  path: unknown,
): PublicScenarioNext {
  const slot = publicSlots(quiz, form).find((s) => s.view.id === publicItemId);
  if (slot?.item.type !== "scenario")
    return { kind: "invalid", message: "no scenario with this id in the form" };
  const item = slot.item;
  const translated =
    Array.isArray(path) && path.length === 0
      ? { path: [] }
      : readScenario(typeOf(item).fromPublicResponse({ path }, slot.lookup));
  if (!translated) return { kind: "invalid", message: "the path is malformed or has unknown ids" };
  const walk = walkScenario(item, translated.path);
  if (walk.path.length !== translated.path.length)
    return { kind: "invalid", message: "the path does not follow the scenario" };
  if (walk.pending === undefined) return { kind: "end" };
  const step = publicStep(item, slot.formItem.order, walk.pending, slot.mint);
  return step ? { kind: "step", step } : { kind: "end" };
}
