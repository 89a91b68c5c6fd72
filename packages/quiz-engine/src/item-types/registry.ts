import type { Item, ItemTypeName } from "../types.ts";
import type { ItemType } from "./item-type.ts";
import { matching } from "./matching/index.ts";
import { multipleResponse } from "./multiple-response/index.ts";
import { numeric } from "./numeric/index.ts";
import { ordering } from "./ordering/index.ts";
import { scenario } from "./scenario/index.ts";
import { shortText } from "./short-text/index.ts";
import { singleChoice } from "./single-choice/index.ts";
import { trueFalse } from "./true-false/index.ts";

/** @internal Every item type, keyed by `type`. */
export const itemTypes: { readonly [T in ItemTypeName]: ItemType<T> } = {
  "single-choice": singleChoice,
  "multiple-response": multipleResponse,
  "true-false": trueFalse,
  matching,
  ordering,
  "short-text": shortText,
  numeric,
  scenario,
};

/** @internal */
export const itemTypeNames = Object.keys(itemTypes) as ItemTypeName[];

/**
 * @internal The type of an item, typed loosely: TypeScript cannot correlate `itemTypes[item.type]`
 * with `item`, and every caller passes the item the type was looked up with.
 */
export function typeOf(item: Item): ItemType<ItemTypeName> {
  return itemTypes[item.type] as ItemType<ItemTypeName>;
}
