import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { svgSize } from "./course-catalog.ts";

const content = fileURLToPath(new URL("../../../content/", import.meta.url));

describe("the size a lesson figure reserves before it loads", () => {
  it("reads width and height, else the viewBox", () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320px">')).toEqual({
      width: 640,
      height: 320,
    });
    expect(svgSize('<?xml version="1.0"?>\n<svg viewBox="0 0 360 240" role="img">')).toEqual({
      width: 360,
      height: 240,
    });
    expect(svgSize('<svg width="100%" viewBox="0,0,300,150">')).toEqual({ width: 300, height: 150 });
  });

  it("gives up on an SVG without a usable size", () => {
    expect(svgSize("<svg>")).toBeNull();
    expect(svgSize('<svg viewBox="0 0 0 10">')).toBeNull();
    expect(svgSize("not an image")).toBeNull();
  });

  it("knows the size of every figure in the courses", () => {
    const figures = readdirSync(content).flatMap((course) => {
      const dir = join(content, course, "assets");
      try {
        return readdirSync(dir).map((file) => join(dir, file));
      } catch {
        return [];
      }
    });
    expect(figures.length).toBeGreaterThan(10);
    for (const figure of figures) {
      expect(figure.endsWith(".svg") && svgSize(readFileSync(figure, "utf8")), figure).toBeTruthy();
    }
  });
});
