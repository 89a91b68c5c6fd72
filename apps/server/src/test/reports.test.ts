import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import { createPerson } from "../people.ts";
import { FIXTURE_PASSWORD, fixture, startTestServer } from "../testing/index.ts";
import { daysAgo, record, signedIn, type TestServer, vietnamDay } from "./console-helpers.ts";

const COURSE = "school-violence-prevention";

// Names a spreadsheet must show as typed: diacritics, and text that looks like a formula.
const NAMES = [
  "Nguyễn Thị Ánh",
  "Trần Đức Bình",
  '=HYPERLINK("http://x.example","bấm")',
  "+84 Lê Văn Cường",
  "@Phạm Dũng",
  "-Hoàng Yến",
];

describe("exported reports", () => {
  let server: TestServer;
  let ids: Awaited<ReturnType<typeof fixture>>;
  let cohortId: string;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
    const passwordHash = await hashPassword(FIXTURE_PASSWORD);
    const people: string[] = [];
    for (const [index, displayName] of NAMES.entries()) {
      people.push(
        await createPerson(server.db, {
          login: `bc.${index}`,
          displayName,
          roles: ["teacher"],
          homeUnitId: index % 2 ? "A-1" : "A-1-S",
          passwordHash,
        }),
      );
    }
    const trainer = await signedIn(server, "trainer.a");
    cohortId = (
      await trainer.post("/api/cohorts", {
        name: "Giáo viên – Báo cáo 6 tháng",
        scopeUnitId: "A",
        requiredCourses: [COURSE],
        targetShare: 0.9,
        startDate: vietnamDay(daysAgo(300)),
        deadline: vietnamDay(daysAgo(-30)),
        validityMonths: 12,
      })
    ).json.id;
    await trainer.post(`/api/cohorts/${cohortId}/members`, { personIds: people });
    await server.db.query(
      "update cohort_members set joined_at = now() - interval '300 days' where cohort_id = $1",
      [cohortId],
    );
    // Two trained (one of them expiring within 60 days), one in progress, three not started.
    const pass = (days: number) => ({
      verb: "passed" as const,
      activity: { courseId: COURSE, assessment: "final" as const },
      timestamp: daysAgo(days).toISOString(),
      score: { scaled: 0.9 },
      success: true,
    });
    await record(server, "bc.0", people[0] as string, [pass(20)]);
    await record(server, "bc.1", people[1] as string, [pass(340)]);
    await record(server, "bc.2", people[2] as string, [
      { verb: "initialized", activity: { courseId: COURSE }, timestamp: daysAgo(10).toISOString() },
    ]);
  });
  afterAll(() => server.stop());

  const workbook = async (bytes: Uint8Array) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    return book;
  };
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    return rows;
  };
  const csvRows = (bytes: Uint8Array, delimiter = ";") => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    return parse(text.slice(1), { delimiter }) as string[][];
  };

  it("exports the cohort as a workbook with one sheet per view, numbers as numbers, matching the dashboard", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const dashboard = (await trainer.get(`/api/cohorts/${cohortId}/dashboard`)).json;
    const { figures } = dashboard.cohort;
    expect(figures).toMatchObject({ members: 6, trained: 2, gap: 4, inProgress: 1, notStarted: 3 });

    const file = await trainer.download(`/api/reports/cohorts/${cohortId}?format=xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/spreadsheetml/);
    expect(file.headers.get("content-disposition")).toMatch(
      /filename="giao-vien-bao-cao-6-thang-\d{4}-\d\d-\d\d\.xlsx"/,
    );
    const book = await workbook(file.bytes);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      "Tổng hợp",
      "Theo đơn vị",
      "Theo khoá học",
      "Xu hướng",
      "Chưa đạt",
      "Sắp hết hạn",
    ]);
    const summary = new Map(
      rowsOf(book.worksheets[0] as ExcelJS.Worksheet).map(([field, value]) => [field, value]),
    );
    expect(summary.get("Nhóm")).toBe("Giáo viên – Báo cáo 6 tháng");
    expect(summary.get("Số thành viên")).toBe(figures.members);
    expect(summary.get("Đã đạt")).toBe(figures.trained);
    expect(summary.get("Tỉ lệ đạt (%)")).toBe(figures.rate);
    expect(summary.get("Còn phải đào tạo")).toBe(figures.gap);
    expect(summary.get("Mục tiêu (%)")).toBe(0.9);
    expect(summary.get("Đạt mục tiêu")).toBe("Không");
    expect(book.worksheets[0]?.getCell("B12").numFmt).toBe("0.0%");

    const units = rowsOf(book.worksheets[1] as ExcelJS.Worksheet);
    const flat: unknown[][] = [];
    const walk = (
      nodes: {
        id: string;
        name: string;
        figures: { members: number; trained: number; rate: number; gap: number };
        children: [];
      }[],
      level: number,
    ) => {
      for (const node of nodes) {
        flat.push([
          node.id,
          node.name,
          level,
          node.figures.members,
          node.figures.trained,
          node.figures.rate,
          node.figures.gap,
        ]);
        walk(node.children, level + 1);
      }
    };
    walk(dashboard.byUnit, 1);
    expect(units.slice(1).map((row) => row.slice(0, 7))).toEqual(flat);

    const courses = rowsOf(book.worksheets[2] as ExcelJS.Worksheet);
    expect(courses[1]).toEqual([
      COURSE,
      "Phòng, chống bạo lực học đường",
      dashboard.byCourse[0].notStarted,
      dashboard.byCourse[0].inProgress,
      dashboard.byCourse[0].completed,
      dashboard.byCourse[0].passed,
      6,
    ]);
    const trend = rowsOf(book.worksheets[3] as ExcelJS.Worksheet).slice(1);
    expect(trend.map((row) => [row[1], row[2], row[4]])).toEqual(
      dashboard.trend.map((point: { members: number; trained: number; required: number }) => [
        point.members,
        point.trained,
        point.required,
      ]),
    );
    expect(trend.at(-1)?.[0]).toBeInstanceOf(Date);

    const notTrained = rowsOf(book.worksheets[4] as ExcelJS.Worksheet).slice(1);
    expect(notTrained.map((row) => row[0]).toSorted()).toEqual(NAMES.slice(2).toSorted());
    expect(notTrained[0]?.[4]).toBe("Phòng, chống bạo lực học đường");
    const expiring = rowsOf(book.worksheets[5] as ExcelJS.Worksheet).slice(1);
    expect(expiring.map((row) => row[0])).toEqual(["Trần Đức Bình"]);
  });

  it("exports each view as CSV: UTF-8 with BOM, `;` and decimal comma, formulas neutralised", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const { cohort } = (await trainer.get(`/api/cohorts/${cohortId}/dashboard`)).json;
    const summaryFile = await trainer.download(`/api/reports/cohorts/${cohortId}?format=csv&view=summary`);
    expect(summaryFile.headers.get("content-type")).toMatch(/text\/csv; charset=utf-8/);
    const summary = new Map(csvRows(summaryFile.bytes).map(([field, value]) => [field, value]));
    expect(summary.get("Số thành viên")).toBe(String(cohort.figures.members));
    expect(summary.get("Đã đạt")).toBe("2");
    expect(summary.get("Tỉ lệ đạt (%)")).toBe("33,3");
    expect(summary.get("Mục tiêu (%)")).toBe("90");
    expect(summary.get("Còn phải đào tạo")).toBe("4");

    const rows = csvRows(
      (await trainer.download(`/api/reports/cohorts/${cohortId}?format=csv&view=not-trained`)).bytes,
    );
    expect(rows[0]).toEqual([
      "Họ và tên",
      "Tên đăng nhập",
      "Mã đơn vị",
      "Đơn vị",
      "Còn thiếu",
      "Ngày tham gia",
    ]);
    const names = rows.slice(1).map((row) => row[0]);
    expect(names.toSorted()).toEqual(
      [
        '\'=HYPERLINK("http://x.example","bấm")',
        "'+84 Lê Văn Cường",
        "'@Phạm Dũng",
        "'-Hoàng Yến",
      ].toSorted(),
    );
    expect(rows[1]?.[5]).toMatch(/^\d\d\/\d\d\/\d{4}$/);

    const english = csvRows(
      (await trainer.download(`/api/reports/cohorts/${cohortId}?format=csv&view=summary&lang=en&sep=comma`))
        .bytes,
      ",",
    );
    expect(new Map(english.map(([field, value]) => [field, value])).get("Trained (%)")).toBe("33.3");
    const bad = await trainer.get(`/api/reports/cohorts/${cohortId}?format=csv&view=everything`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^view: /);
  });

  it("puts every export that names people on the audit log: who, which cohort, how many", async () => {
    await server.db.query("delete from audit_log where action = 'report.export'");
    const trainer = await signedIn(server, "trainer.a");
    await trainer.download(`/api/reports/cohorts/${cohortId}?format=csv&view=not-trained`);
    await trainer.download(`/api/reports/cohorts/${cohortId}?format=csv&view=summary`);
    await trainer.download(`/api/reports/cohorts/${cohortId}`);
    // Refused exports leave with nothing, and so are not on record.
    const outsider = await signedIn(server, "trainer.b");
    expect((await outsider.download(`/api/reports/cohorts/${cohortId}`)).status).toBe(404);
    expect((await trainer.download(`/api/reports/cohorts/${cohortId}?format=pdf`)).status).toBe(400);

    const { rows } = await server.db.query<{ actor_id: string; details: Record<string, unknown> }>(
      "select actor_id, details from audit_log where action = 'report.export' order by at, id",
    );
    expect(rows).toEqual([
      {
        actor_id: ids.trainerA,
        details: expect.objectContaining({ cohortId, format: "csv", view: "not-trained", people: 4 }),
      },
      {
        actor_id: ids.trainerA,
        details: expect.objectContaining({ format: "csv", view: "summary", people: 0 }),
      },
      { actor_id: ids.trainerA, details: expect.objectContaining({ cohortId, format: "xlsx" }) },
    ]);
    expect(rows[2]?.details.people).toBeGreaterThanOrEqual(4);
  });

  it("exports the figures as they stood on the as-of date", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const day = vietnamDay(daysAgo(100));
    const { cohort } = (await trainer.get(`/api/cohorts/${cohortId}/dashboard?asOf=${day}`)).json;
    // 100 days ago only the pass of 340 days ago counted.
    expect(cohort.figures).toMatchObject({ members: 6, trained: 1 });
    const rows = csvRows(
      (await trainer.download(`/api/reports/cohorts/${cohortId}?format=csv&asOf=${day}`)).bytes,
    );
    const summary = new Map(rows.map(([field, value]) => [field, value]));
    const [year, month, date] = day.split("-");
    expect(summary.get("Số liệu tính đến ngày")).toBe(`${date}/${month}/${year}`);
    expect(summary.get("Đã đạt")).toBe("1");
    expect(summary.get("Còn phải đào tạo")).toBe(String(cohort.figures.gap));
  });

  it("exports the overview of the trainer's cohorts only, furthest behind first", async () => {
    const trainerA = await signedIn(server, "trainer.a");
    const cohorts = (await trainerA.get("/api/cohorts")).json.cohorts;
    const file = await trainerA.download("/api/reports/overview?format=xlsx");
    const book = await workbook(file.bytes);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["Tổng quan"]);
    const rows = rowsOf(book.worksheets[0] as ExcelJS.Worksheet).slice(1);
    expect(rows.map((row) => [row[0], row[2], row[3], row[6]])).toEqual(
      cohorts.map((cohort: { name: string; figures: { members: number; trained: number; gap: number } }) => [
        cohort.name,
        cohort.figures.members,
        cohort.figures.trained,
        cohort.figures.gap,
      ]),
    );
    expect(rows.map((row) => row[0])).not.toContain("Giáo viên B");

    const trainerB = await signedIn(server, "trainer.b");
    const csv = csvRows((await trainerB.download("/api/reports/overview?format=csv")).bytes);
    expect(csv.slice(1).map((row) => row[0])).toEqual(["Giáo viên B"]);
    expect(ids.cohorts.b).toBeTruthy();
  });
});
