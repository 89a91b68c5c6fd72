import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startTestServer } from "../testing/index.ts";
import { signedIn, type TestServer } from "./console-helpers.ts";

const BOM = "\uFEFF";
const utf8 = (text: string) => new TextEncoder().encode(text);

/** What Excel writes for "CSV UTF-8" in a Vietnamese locale: a BOM, `;` between cells, CRLF. */
const csv = (lines: string[], { bom = true, delimiter = ";" } = {}) =>
  utf8((bom ? BOM : "") + lines.map((line) => line.replaceAll(";", delimiter)).join("\r\n"));

const HEADER = "Họ và tên;Tên đăng nhập;Vai trò;Mã đơn vị;Số điện thoại;Email";
const BROKEN = [
  HEADER,
  "Nguyễn Thị Ánh;anh.nguyen;Giáo viên;A-1-S;0912 345 678;anh@example.vn", // 2: fine
  "Trần Văn Bình;binh.tran;teacher;A-9;;", // 3: unknown unit
  "Lê Thị Ánh;ANH.NGUYEN;giáo viên;A-1-S;;", // 4: login already on row 2
  "Phạm Hữu Cường;cuong.pham;Hiệu trưởng;A-1;;", // 5: not a learner role
  "Hoàng Thu Dung;dung.hoang;Phụ huynh;B;;", // 6: unit outside the cohort
  "Vũ Đức Em;learner.b;parent;A-1;;", // 7: login of someone in another province
  "Đặng Ngọc Giang;giang.dang;Nhân viên y tế;A-1;;giang@", // 8: e-mail
  ";hai.bui;teacher;A-1;;", // 9: no name
  "Learner A;learner.a;teacher;A-1-S;;", // 10: an existing account of the cohort's units
];
const FIXED = [
  HEADER,
  "Nguyễn Thị Ánh;anh.nguyen;Giáo viên;A-1-S;0912 345 678;anh@example.vn",
  "Trần Văn Bình;binh.tran;teacher;A-1;;",
  "Phạm Hữu Cường;cuong.pham;Giáo viên;A-1;;",
  "Đặng Ngọc Giang;giang.dang;Nhân viên y tế;a-1;;giang@example.vn",
  "Learner A;learner.a;teacher;A-1-S;;",
];

describe("roster import", () => {
  let server: TestServer;
  let ids: Awaited<ReturnType<typeof fixture>>;
  let cohortId: string;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
    const trainer = await signedIn(server, "trainer.a");
    const created = await trainer.post("/api/cohorts", {
      name: "Nhập danh sách",
      scopeUnitId: "A-1",
      requiredCourses: ["school-violence-prevention"],
    });
    cohortId = created.json.id;
  });
  afterAll(() => server.stop());

  const preview = async (bytes: Uint8Array, login = "trainer.a") =>
    (await signedIn(server, login)).upload(`/api/cohorts/${cohortId}/roster/preview`, bytes);
  const importFile = async (bytes: Uint8Array) =>
    (await signedIn(server, "trainer.a")).upload(`/api/cohorts/${cohortId}/roster/import`, bytes);
  const memberLogins = async () =>
    (
      await server.db.query<{ login: string }>(
        "select p.login from cohort_members m join people p on p.id = m.person_id where m.cohort_id = $1 order by 1",
        [cohortId],
      )
    ).rows.map((row) => row.login);
  const peopleCount = async () =>
    (await server.db.query<{ n: number }>("select count(*)::int as n from people")).rows[0]?.n;

  it("lists every problem by row and column, and saves nothing", async () => {
    const people = await peopleCount();
    const answer = await preview(csv(BROKEN));
    expect(answer.status).toBe(200);
    expect(
      answer.json.problems.map((p: { row: number; column: string; code: string }) => [
        p.row,
        p.column,
        p.code,
      ]),
    ).toEqual([
      [3, "unit", "unknown_unit"],
      [4, "login", "duplicate_login"],
      [5, "role", "bad_role"],
      [6, "unit", "unit_outside"],
      [7, "login", "login_taken"],
      [8, "email", "invalid_email"],
      [9, "name", "required"],
    ]);
    expect(answer.json.problems[1].message).toMatch(/row 2/);
    expect(answer.json.rows[0]).toMatchObject({
      row: 2,
      name: "Nguyễn Thị Ánh",
      role: "teacher",
      status: "new",
    });
    expect(answer.json.rows.at(-1)).toMatchObject({ row: 10, login: "learner.a", status: "existing" });

    const refused = await importFile(csv(BROKEN));
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe("roster_invalid");
    expect(refused.json.details.problems).toHaveLength(7);
    expect(await peopleCount()).toBe(people);
    expect(await memberLogins()).toEqual([]);
  });

  it("imports a clean file in one go, keeping Vietnamese names, and is harmless to repeat", async () => {
    const people = await peopleCount();
    const clean = await preview(csv(FIXED));
    expect(clean.json.problems).toEqual([]);
    expect(clean.json.counts).toEqual({ rows: 5, new: 4, existing: 1, member: 0 });

    const imported = await importFile(csv(FIXED));
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({ created: 4, added: 5, alreadyMembers: 0 });
    expect(await peopleCount()).toBe((people as number) + 4);
    expect(await memberLogins()).toEqual([
      "anh.nguyen",
      "binh.tran",
      "cuong.pham",
      "giang.dang",
      "learner.a",
    ]);
    const { rows } = await server.db.query<{
      display_name: string;
      roles: string[];
      home_unit_id: string;
      phone: string;
    }>(
      "select display_name, roles, home_unit_id, phone from people where login = 'anh.nguyen' or login = 'giang.dang' order by login",
    );
    expect(rows).toEqual([
      { display_name: "Nguyễn Thị Ánh", roles: ["teacher"], home_unit_id: "A-1-S", phone: "0912 345 678" },
      { display_name: "Đặng Ngọc Giang", roles: ["health-worker"], home_unit_id: "A-1", phone: null },
    ]);

    const again = await importFile(csv(FIXED));
    expect(again.json).toEqual({ created: 0, added: 0, alreadyMembers: 5 });
    expect(await peopleCount()).toBe((people as number) + 4);
    // The existing account was not changed by the file's "Learner A" name.
    const learner = await server.db.query<{ display_name: string }>(
      "select display_name from people where id = $1",
      [ids.learnerA],
    );
    expect(learner.rows[0]?.display_name).toBe("learner.a");
  });

  it("reads UTF-8 without a BOM, commas, UTF-16 and decomposed diacritics alike", async () => {
    const lines = [HEADER, "Ngô Thị Hạnh;hanh.ngo;teacher;A-1;;"];
    for (const bytes of [csv(lines, { bom: false }), csv(lines, { delimiter: "," })]) {
      const answer = await preview(bytes);
      expect(answer.json.problems).toEqual([]);
      expect(answer.json.rows[0].name).toBe("Ngô Thị Hạnh");
    }
    const text = lines.map((line) => line.replaceAll(";", "\t")).join("\r\n");
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++)
      utf16.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    expect((await preview(utf16)).json.rows[0].name).toBe("Ngô Thị Hạnh");
    const decomposed = await preview(
      csv([HEADER, `${"Ngô Thị Hạnh".normalize("NFD")};hanh.ngo;teacher;A-1;;`]),
    );
    expect(decomposed.json.rows[0].name).toBe("Ngô Thị Hạnh".normalize("NFC"));
  });

  it("refuses a file in a legacy code page, naming the encoding and the row", async () => {
    const head = utf8(`${["name;login;role;unit", "An;an.le;teacher;A-1"].join("\r\n")}\r\n`);
    // "Lê Văn Bình" in Windows-1258: ê = 0xEA, ă = 0xE3 – not UTF-8.
    const legacy = Uint8Array.from([
      0x4c,
      0xea,
      0x20,
      0x56,
      0xe3,
      0x6e,
      0x3b,
      ...utf8("binh.le;teacher;A-1"),
    ]);
    const answer = await preview(new Uint8Array([...head, ...legacy]));
    expect(answer.json.problems).toEqual([
      expect.objectContaining({ row: 3, code: "encoding", message: expect.stringMatching(/UTF-8/) }),
    ]);
    const lost = await preview(csv(["name;login;role;unit", "Nguy?n V?n An;an.le;teacher;A-1"]));
    expect(lost.json.problems).toEqual([
      expect.objectContaining({ row: 2, column: "name", code: "encoding" }),
    ]);
    const xls = await preview(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.json.problems[0].code).toBe("old_excel");
    const noHeader = await preview(csv(["Họ tên;Đơn vị", "An;A-1"]));
    expect(noHeader.json.problems.map((p: { column: string }) => p.column)).toEqual(["login", "role"]);
  });

  it("imports XLSX the same way, showing the problems first", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["STT", "Họ và tên", "Tên đăng nhập", "Vai trò", "Mã đơn vị", "Số điện thoại"]);
    sheet.addRow([1, "Lý Thị Khánh", "khanh.ly", "Cán bộ bảo vệ trẻ em", "A-1", "0987654321"]);
    sheet.addRow([2, "Dương Văn Long", "long.duong", "Điều tra viên", "Z-9", 912345678]);
    const broken = new Uint8Array(await workbook.xlsx.writeBuffer());
    const answer = await preview(broken);
    expect(answer.json.format).toBe("xlsx");
    expect(answer.json.problems).toEqual([
      expect.objectContaining({ row: 3, column: "unit", code: "unknown_unit" }),
    ]);
    expect((await importFile(broken)).status).toBe(400);

    sheet.getRow(3).getCell(5).value = "A-1-S";
    const fixed = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect((await importFile(fixed)).json).toEqual({ created: 2, added: 2, alreadyMembers: 0 });
    const { rows } = await server.db.query<{ display_name: string; roles: string[] }>(
      "select display_name, roles from people where login in ('khanh.ly', 'long.duong') order by login",
    );
    expect(rows).toEqual([
      { display_name: "Lý Thị Khánh", roles: ["child-protection-officer"] },
      { display_name: "Dương Văn Long", roles: ["investigator"] },
    ]);
  });

  it("accepts rosters larger than the API's usual body limit", async () => {
    const lines = [HEADER];
    for (let i = 0; i < 1500; i++)
      lines.push(`Người học số ${i} có tên khá dài;bulk.${i};teacher;A-1;;bulk${i}@example.vn`);
    const bytes = csv(lines);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const answer = await preview(bytes);
    expect(answer.status).toBe(200);
    expect(answer.json.counts.new).toBe(1500);
    const trainer = await signedIn(server, "trainer.a");
    const big = await trainer.post("/api/cohorts", { name: "x".repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });

  it("lets a trainer set an imported learner's first password, within their units only", async () => {
    const { rows } = await server.db.query<{ id: string }>("select id from people where login = 'binh.tran'");
    const binh = rows[0]?.id as string;
    expect((await server.client().signIn("binh.tran", "anything at all")).status).toBe(401);

    const trainerB = await signedIn(server, "trainer.b");
    expect(
      (await trainerB.post(`/api/people/${binh}/password`, { password: "mật khẩu mới 2026" })).status,
    ).toBe(404);
    const trainerA = await signedIn(server, "trainer.a");
    const short = await trainerA.post(`/api/people/${binh}/password`, { password: "short" });
    expect(short.status).toBe(400);
    expect(short.json.message).toMatch(/^password: /);
    expect(
      (await trainerA.post(`/api/people/${binh}/password`, { password: "mật khẩu mới 2026" })).status,
    ).toBe(204);
    expect((await server.client().signIn("binh.tran", "mật khẩu mới 2026")).status).toBe(200);
    // A colleague's account is an admin's business.
    expect(
      (await trainerA.post(`/api/people/${ids.trainerA1}/password`, { password: "chiếm tài khoản" })).status,
    ).toBe(403);
  });
});
