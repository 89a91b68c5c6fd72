import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUnit } from "../people.ts";
import { fixture, startTestServer } from "../testing/index.ts";
import { signedIn, type TestServer } from "./console-helpers.ts";

describe("administration of units and trainers", () => {
  let server: TestServer;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  const paths = async () =>
    Object.fromEntries(
      (await server.db.query<{ id: string; path: string }>("select id, path from units")).rows.map((row) => [
        row.id,
        row.path,
      ]),
    );
  const cohortNames = async (login: string, password?: string) =>
    (await (await signedIn(server, login, password)).get("/api/cohorts")).json.cohorts.map(
      (cohort: { name: string }) => cohort.name,
    );

  it("shows a trainer the units of their scope as a tree rooted at their units", async () => {
    const trainer = await signedIn(server, "trainer.a1");
    const { units } = (await trainer.get("/api/units")).json;
    expect(units).toEqual([
      { id: "A-1", parentId: null, name: "Phường Một", kind: "ward", people: 1 },
      { id: "A-1-S", parentId: "A-1", name: "Trường Tiểu học Một", kind: "school", people: 1 },
    ]);
    const admin = await signedIn(server, "admin");
    expect((await admin.get("/api/units")).json.units.map((unit: { id: string }) => unit.id)).toEqual(
      expect.arrayContaining(["A", "A-1", "A-1-S", "B"]),
    );
  });

  it("creates units, refusing clashes, bad codes and unknown parents", async () => {
    const admin = await signedIn(server, "admin");
    expect(
      (await admin.post("/api/admin/units", { id: "A-2", parentId: "A", name: "Xã Hai", kind: "commune" }))
        .status,
    ).toBe(201);
    expect((await paths())["A-2"]).toBe("/A/A-2/");
    const clash = await admin.post("/api/admin/units", {
      id: "a-2",
      parentId: "A",
      name: "Trùng",
      kind: "commune",
    });
    expect([clash.status, clash.json.message]).toEqual([409, 'id: unit code "A-2" is taken']);
    const badCode = await admin.post("/api/admin/units", {
      id: "A 3",
      parentId: "A",
      name: "Ba",
      kind: "commune",
    });
    expect(badCode.json.message).toMatch(/^id: /);
    const orphan = await admin.post("/api/admin/units", {
      id: "A-3",
      parentId: "Z",
      name: "Ba",
      kind: "commune",
    });
    expect(orphan.json.message).toBe('parentId: no unit "Z"');
    const badKind = await admin.post("/api/admin/units", {
      id: "A-3",
      parentId: "A",
      name: "Ba",
      kind: "village",
    });
    expect(badKind.json.message).toMatch(/^kind: /);
    const trainer = await signedIn(server, "trainer.a");
    expect(
      (await trainer.post("/api/admin/units", { id: "A-4", parentId: "A", name: "Bốn", kind: "commune" }))
        .status,
    ).toBe(403);
    expect((await paths())["A-3"]).toBeUndefined();
  });

  it("moves a unit with its subtree, and scopes follow it", async () => {
    const admin = await signedIn(server, "admin");
    const cycle = await admin.request("PATCH", "/api/admin/units/A", { parentId: "A-1-S" });
    expect(cycle.status).toBe(400);
    expect(await cohortNames("trainer.a")).toContain("Giáo viên A");

    const moved = await admin.request("PATCH", "/api/admin/units/A-1", {
      parentId: "B",
      name: "Phường Một (mới)",
    });
    expect(moved.status).toBe(204);
    expect(await paths()).toMatchObject({ "A-1": "/B/A-1/", "A-1-S": "/B/A-1/A-1-S/", A: "/A/" });
    expect(await cohortNames("trainer.a")).not.toContain("Giáo viên A");
    expect(await cohortNames("trainer.b")).toEqual(expect.arrayContaining(["Giáo viên A", "Giáo viên B"]));
    await admin.request("PATCH", "/api/admin/units/A-1", { parentId: "A", name: "Phường Một" });
    expect((await paths())["A-1-S"]).toBe("/A/A-1/A-1-S/");
  });

  it("treats _ in unit codes literally when matching a trainer's units", async () => {
    await createUnit(server.db, { id: "C_1", parentId: null, name: "Tỉnh C một", kind: "province" });
    await createUnit(server.db, { id: "CX1", parentId: null, name: "Tỉnh CX", kind: "province" });
    const admin = await signedIn(server, "admin");
    await admin.post("/api/cohorts", {
      name: "Nhóm CX1",
      scopeUnitId: "CX1",
      requiredCourses: ["parenting-skills"],
    });
    const created = await admin.post("/api/admin/trainers", {
      login: "trainer.c",
      displayName: "Giảng viên C",
      homeUnitId: "C_1",
      password: "mật khẩu dài đủ",
      scopes: ["C_1"],
    });
    expect(created.status).toBe(201);
    expect(await cohortNames("trainer.c", "mật khẩu dài đủ")).toEqual([]);
  });

  it("creates trainer accounts, changes their units, and deactivates them", async () => {
    const admin = await signedIn(server, "admin");
    const weak = await admin.post("/api/admin/trainers", {
      login: "trainer.new",
      displayName: "Giảng viên mới",
      homeUnitId: "B",
      password: "short",
      scopes: ["B"],
    });
    expect(weak.json.message).toMatch(/^password: /);
    const unknownScope = await admin.post("/api/admin/trainers", {
      login: "trainer.new",
      displayName: "Giảng viên mới",
      homeUnitId: "B",
      password: "một mật khẩu dài",
      scopes: ["B", "Q"],
    });
    expect(unknownScope.json.message).toBe('scopes.1: no unit "Q"');
    const taken = await admin.post("/api/admin/trainers", {
      login: "Trainer.A",
      displayName: "Trùng",
      homeUnitId: "B",
      password: "một mật khẩu dài",
      scopes: ["B"],
    });
    expect(taken.status).toBe(409);

    const created = await admin.post("/api/admin/trainers", {
      login: "Trainer.New",
      displayName: "Giảng viên mới",
      homeUnitId: "B",
      password: "một mật khẩu dài",
      scopes: ["B"],
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const trainer = await signedIn(server, "trainer.new", "một mật khẩu dài");
    expect((await trainer.get("/api/cohorts")).json.cohorts.map((c: { name: string }) => c.name)).toEqual([
      "Giáo viên B",
    ]);

    expect((await admin.request("PATCH", `/api/admin/trainers/${id}`, { scopes: ["A-1"] })).status).toBe(204);
    expect((await trainer.get("/api/cohorts")).json.cohorts.map((c: { name: string }) => c.name)).toEqual([
      "Giáo viên A",
    ]);
    const listed = (await admin.get("/api/admin/trainers")).json.trainers.find(
      (t: { id: string }) => t.id === id,
    );
    expect(listed).toMatchObject({
      login: "trainer.new",
      active: true,
      scopes: [{ id: "A-1", name: "Phường Một" }],
    });

    expect((await admin.request("PATCH", `/api/admin/trainers/${id}`, { active: false })).status).toBe(204);
    expect((await trainer.get("/api/cohorts")).status).toBe(401);
    expect(
      (await admin.request("PATCH", `/api/admin/trainers/${ids.learnerA}`, { active: false })).status,
    ).toBe(404);

    const notAdmin = await signedIn(server, "trainer.a");
    expect((await notAdmin.get("/api/admin/trainers")).status).toBe(403);
    expect(
      (await notAdmin.request("PATCH", `/api/admin/trainers/${ids.trainerA1}`, { scopes: ["B"] })).status,
    ).toBe(403);
  });
});
