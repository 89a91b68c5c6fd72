import type { BlueprintEntry, Item } from "./types.ts";

/** @public An item's tag set: `tags` + `objective` + `difficulty`. */
export function itemTags(item: Item): string[] {
  return [...(item.tags ?? []), item.objective, ...(item.difficulty ? [item.difficulty] : [])];
}

/**
 * @internal Fills a blueprint with distinct items, or returns undefined when it cannot be filled.
 * Items may carry several blueprint tags, so a greedy draw can fail where a draw exists; this is a
 * bipartite matching (Kuhn's augmenting paths) of blueprint slots to items. Candidates are tried in
 * `preference` order, so a shuffled preference gives a random draw and, when tags do not overlap,
 * exactly the first `count` shuffled items of each tag.
 * Returns item indices, grouped by blueprint entry.
 */
export function fillBlueprint(
  items: readonly Item[],
  blueprint: readonly BlueprintEntry[],
  preference: readonly number[],
): number[][] | undefined {
  const tagSets = items.map((item) => new Set(itemTags(item)));
  const slots = blueprint.flatMap((entry, e) => Array.from({ length: entry.count }, () => e));
  const candidates = blueprint.map((entry) => preference.filter((i) => tagSets[i]?.has(entry.tag)));
  const owner = new Map<number, number>();
  const place = (slot: number, visited: Set<number>): boolean => {
    for (const i of candidates[slots[slot] ?? -1] ?? []) {
      if (visited.has(i)) continue;
      visited.add(i);
      const current = owner.get(i);
      if (current === undefined || place(current, visited)) {
        owner.set(i, slot);
        return true;
      }
    }
    return false;
  };
  for (let slot = 0; slot < slots.length; slot++) {
    if (!place(slot, new Set())) return undefined;
  }
  const drawn: number[][] = blueprint.map(() => []);
  // Report in preference order so the draw does not depend on the matching's internals.
  for (const i of preference) {
    const slot = owner.get(i);
    if (slot !== undefined) drawn[slots[slot] ?? 0]?.push(i);
  }
  return drawn;
}
