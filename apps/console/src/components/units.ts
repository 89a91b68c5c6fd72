import type { UnitEntry } from "@bvte/api";

/** Depth of each unit in a list in tree order (parents before children), roots at 0. */
export function unitDepths(units: UnitEntry[]): Map<string, number> {
  const depth = new Map<string, number>();
  for (const unit of units) depth.set(unit.id, unit.parentId ? (depth.get(unit.parentId) ?? -1) + 1 : 0);
  return depth;
}

/** Select options for units, indented by depth so the tree shows in a plain <select>. */
export function unitOptions(units: UnitEntry[]): { id: string; label: string }[] {
  const depth = unitDepths(units);
  return units.map((unit) => ({
    id: unit.id,
    label: `${"\u00a0\u00a0".repeat(depth.get(unit.id) ?? 0)}${unit.name} (${unit.id})`,
  }));
}
