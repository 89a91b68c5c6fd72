import { fillBlueprint } from "./blueprint.ts";
import { typeOf } from "./item-types/registry.ts";
import { seededRng, shuffled } from "./random.ts";
import type { Form, Item, QuizDefinition } from "./types.ts";

/** @public */
export interface DrawOptions {
  /**
   * A certification form: items and options are shuffled whatever the settings say, because the
   * presentation order of a public form must not reveal the definition order. The seed of a secure
   * form must be unguessable (from a CSPRNG on the server) and never leave the server.
   */
  secure?: boolean;
}

/**
 * @public Draws a form: the blueprint (or the whole pool in file order), then seeded shuffles of
 * items and options. The same quiz and seed always give the same form; the form records the
 * realised order so an attempt never re-rolls it.
 */
export function drawForm(quiz: QuizDefinition, seed: string, opts: DrawOptions = {}): Form {
  const secure = opts.secure ?? false;
  const indices = quiz.items.map((_, i) => i);
  let chosen = indices;
  if (quiz.blueprint) {
    const drawn = fillBlueprint(quiz.items, quiz.blueprint, shuffled(indices, seededRng(seed, "draw")));
    if (!drawn) throw new Error(`quiz "${quiz.id}": the blueprint cannot be filled (run validateQuiz)`);
    chosen = drawn.flat().sort((a, b) => a - b);
  }
  const order = secure || quiz.settings.shuffleItems ? shuffled(chosen, seededRng(seed, "items")) : chosen;
  const shuffleOptions = secure || quiz.settings.shuffleOptions;
  return {
    quizId: quiz.id,
    seed,
    secure,
    items: order.map((i) => {
      const item = quiz.items[i] as Item;
      // One stream per item, so changing the pool does not reshuffle the other items' options.
      return {
        itemId: item.id,
        order: typeOf(item).drawOrder(item, seededRng(seed, "options", item.id), shuffleOptions),
      };
    }),
  };
}

/** @public The form's items, in form order. Throws when the form was not drawn from this quiz. */
export function formItems(quiz: QuizDefinition, form: Form): Item[] {
  if (form.quizId !== quiz.id) throw new Error(`form of quiz "${form.quizId}" used with quiz "${quiz.id}"`);
  const byId = new Map(quiz.items.map((item) => [item.id, item]));
  return form.items.map(({ itemId }) => {
    const item = byId.get(itemId);
    if (!item) throw new Error(`quiz "${quiz.id}" has no item "${itemId}" any more`);
    return item;
  });
}
