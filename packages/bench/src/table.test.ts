import { expect, test } from "vitest";
import { formatTable } from "./table.ts";

test("a table aligns its columns, names each layer once and says why a figure was not measured", () => {
  const table = formatTable([
    { layer: "xAPI ingest", measure: "PGlite", value: 12345.678, unit: "statements/s" },
    {
      layer: "xAPI ingest",
      measure: "PostgreSQL",
      value: null,
      unit: "statements/s",
      note: "no DATABASE_URL",
    },
    { layer: "quiz engine", measure: "reliability", value: 0.91234, decimals: 3, unit: "", note: "KR-20" },
  ]);
  expect(table.split("\n")).toEqual([
    "| layer       | measure     |        value | unit         | notes             |",
    "| ----------- | ----------- | -----------: | ------------ | ----------------- |",
    "| xAPI ingest | PGlite      |       12,346 | statements/s |                   |",
    "|             | PostgreSQL  | not measured | statements/s | (no DATABASE_URL) |",
    "| quiz engine | reliability |        0.912 |              | KR-20             |",
  ]);
});
