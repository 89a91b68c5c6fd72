import { randomUUID } from "node:crypto";
import type { Role, UnitKind } from "@bvte/api";
import { buildStatement, type StatementInput } from "@bvte/learning-records";
import { hashPassword } from "../auth/password.ts";
import type { CourseCatalog } from "../content.ts";
import type { Database } from "../db/database.ts";
import { addTrainerScope, createPerson, createUnit } from "../people.ts";
import { seededRandom } from "../seeded-random.ts";
import { personAgent } from "../xapi/authority.ts";
import { ingestStatements } from "../xapi/ingest.ts";
import { validityRules } from "../xapi/projections.ts";
import type { Statement } from "../xapi/validate.ts";

/** Published in the README; they exist only in demo mode. */
export const DEMO_PASSWORD = "demo-bvte-2026";

export const DEMO_ACCOUNTS = [
  { login: "admin", displayName: "Quản trị hệ thống", roles: ["admin"], unit: "QN", note: "admin" },
  {
    login: "trainer.qn",
    displayName: "Nguyễn Thị Hương",
    roles: ["trainer"],
    unit: "QN",
    note: "trainer, all of Quảng Ninh",
  },
  {
    login: "trainer.halong",
    displayName: "Trần Văn Nam",
    roles: ["trainer"],
    unit: "QN-HL",
    note: "trainer, Phường Hạ Long only",
  },
  {
    login: "phuhuynh.mai",
    displayName: "Lê Thị Mai",
    roles: ["parent"],
    unit: "QN-HL",
    note: "parent, cohort in Hạ Long",
  },
  {
    login: "giaovien.lan",
    displayName: "Phạm Thị Lan",
    roles: ["teacher"],
    unit: "QN-HL-TH",
    note: "teacher",
  },
  {
    login: "yte.hoa",
    displayName: "Đỗ Thị Hoa",
    roles: ["health-worker"],
    unit: "QN-HL-TYT",
    note: "health worker",
  },
  {
    login: "dieutra.minh",
    displayName: "Vũ Đức Minh",
    roles: ["investigator"],
    unit: "QN-CA",
    note: "investigator",
  },
] as const satisfies readonly {
  login: string;
  displayName: string;
  roles: Role[];
  unit: string;
  note: string;
}[];

const WARDS: { code: string; name: string; kind: UnitKind; place: string }[] = [
  { code: "HL", name: "Phường Hạ Long", kind: "ward", place: "Hạ Long" },
  { code: "BC", name: "Phường Bãi Cháy", kind: "ward", place: "Bãi Cháy" },
  { code: "HG", name: "Phường Hồng Gai", kind: "ward", place: "Hồng Gai" },
  { code: "CP", name: "Phường Cẩm Phả", kind: "ward", place: "Cẩm Phả" },
  { code: "TY", name: "Xã Tiên Yên", kind: "commune", place: "Tiên Yên" },
  { code: "CT", name: "Đặc khu Cô Tô", kind: "special-zone", place: "Cô Tô" },
];

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
const MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Hữu", "Thuỳ"];
const GIVEN = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hiếu",
  "Hoà",
  "Hùng",
  "Huyền",
  "Khánh",
  "Linh",
  "Loan",
  "Long",
  "Mai",
  "Nga",
  "Ngân",
  "Nhung",
  "Phúc",
  "Phương",
  "Quân",
  "Quỳnh",
  "Sơn",
  "Tâm",
  "Thảo",
  "Thắng",
  "Trang",
  "Tuấn",
  "Uyên",
  "Việt",
  "Xuân",
  "Yến",
];

export interface DemoSummary {
  units: number;
  learners: number;
  cohorts: number;
  statements: number;
}

export async function seedDemo(db: Database, catalog: CourseCatalog, now = new Date()): Promise<DemoSummary> {
  const random = seededRandom(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const name = () => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;

  let units = 0;
  const unit = async (id: string, parentId: string | null, unitName: string, kind: UnitKind) => {
    await createUnit(db, { id, parentId, name: unitName, kind });
    units++;
  };
  await unit("QN", null, "Tỉnh Quảng Ninh", "province");
  await unit("QN-CA", "QN", "Công an tỉnh Quảng Ninh", "police-unit");
  await unit("QN-SYT", "QN", "Sở Y tế tỉnh Quảng Ninh", "department");

  const byRole = new Map<Role, string[]>();
  const members = (role: Role) => byRole.get(role) ?? [];
  let learners = 0;
  const learner = async (role: Role, homeUnitId: string, login: string) => {
    const id = await createPerson(db, { login, displayName: name(), roles: [role], homeUnitId });
    byRole.set(role, [...members(role), id]);
    learners++;
    return id;
  };

  const halongParents: string[] = [];
  for (const ward of WARDS) {
    const wardId = `QN-${ward.code}`;
    await unit(wardId, "QN", ward.name, ward.kind);
    await unit(`${wardId}-TH`, wardId, `Trường Tiểu học ${ward.place}`, "school");
    await unit(`${wardId}-THCS`, wardId, `Trường THCS ${ward.place}`, "school");
    await unit(`${wardId}-TYT`, wardId, `Trạm Y tế ${ward.name}`, "health-facility");
    await unit(`${wardId}-CA`, wardId, `Công an ${ward.name}`, "police-unit");
    const code = ward.code.toLowerCase();
    for (let i = 1; i <= 20; i++) await learner("teacher", `${wardId}-TH`, `gv.${code}.th${i}`);
    for (let i = 1; i <= 18; i++) await learner("teacher", `${wardId}-THCS`, `gv.${code}.thcs${i}`);
    for (let i = 1; i <= 6; i++) await learner("health-worker", `${wardId}-TYT`, `yt.${code}${i}`);
    for (let i = 1; i <= 2; i++) await learner("investigator", `${wardId}-CA`, `ca.${code}${i}`);
    await learner("child-protection-officer", wardId, `bvte.${code}`);
    if (ward.code === "HL") {
      for (let i = 1; i <= 25; i++) halongParents.push(await learner("parent", wardId, `ph.hl${i}`));
    }
  }
  for (let i = 1; i <= 8; i++) await learner("investigator", "QN-CA", `dtv.qn${i}`);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const id = await createPerson(db, {
      login: account.login,
      displayName: account.displayName,
      roles: [...account.roles],
      homeUnitId: account.unit,
      passwordHash,
    });
    accounts.set(account.login, id);
    if (account.roles.some((role) => role === "trainer")) await addTrainerScope(db, id, account.unit);
  }
  const account = (login: string) => accounts.get(login) as string;

  const year = now.getUTCFullYear();
  const cohorts = [
    {
      name: `Giáo viên Quảng Ninh – Phòng, chống bạo lực học đường ${year}`,
      unit: "QN",
      courses: ["school-violence-prevention"],
      target: 1,
      validity: 12,
      members: [...members("teacher"), account("giaovien.lan")],
    },
    {
      name: `Nhân viên y tế cơ sở – Chăm sóc y tế trẻ em bị xâm hại ${year}`,
      unit: "QN",
      courses: ["medical-care-abused-children"],
      target: 1,
      validity: 24,
      members: [...members("health-worker"), account("yte.hoa")],
    },
    {
      name: `Điều tra viên Công an tỉnh Quảng Ninh ${year}`,
      unit: "QN",
      courses: ["child-friendly-investigation"],
      target: 1,
      validity: 24,
      members: [...members("investigator"), account("dieutra.minh")],
    },
    {
      name: `Cán bộ bảo vệ trẻ em cấp xã ${year}`,
      unit: "QN",
      courses: ["parenting-skills"],
      target: 0.9,
      validity: 12,
      members: members("child-protection-officer"),
    },
    {
      name: `Cha mẹ học sinh phường Hạ Long ${year}`,
      unit: "QN-HL",
      courses: ["parenting-skills"],
      target: 0.8,
      validity: null,
      members: [...halongParents, account("phuhuynh.mai")],
    },
  ];

  const demoLogins = new Set(accounts.values());
  let statements = 0;
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  for (const cohort of cohorts) {
    const { rows } = await db.query<{ id: string }>(
      `insert into cohorts (name, scope_unit_id, target_share, start_date, deadline, validity_months)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [cohort.name, cohort.unit, cohort.target, `${year}-01-15`, `${year}-12-15`, cohort.validity],
    );
    const cohortId = rows[0]?.id;
    for (const courseId of cohort.courses) {
      await db.query("insert into cohort_courses (cohort_id, course_id) values ($1, $2)", [
        cohortId,
        courseId,
      ]);
    }
    for (const personId of cohort.members) {
      // Members joined when the cohort started, so reports as of earlier dates in the year count them.
      await db.query("insert into cohort_members (cohort_id, person_id, joined_at) values ($1, $2, $3)", [
        cohortId,
        personId,
        new Date(Math.min(Date.parse(`${year}-01-15T00:00:00+07:00`), now.getTime())).toISOString(),
      ]);
      // Demo sign-ins start untouched so whoever tries them sees their own first steps.
      if (demoLogins.has(personId)) continue;
      const progress = random();
      if (progress < 0.3) continue;
      const courseId = cohort.courses[0] as string;
      const lessons = catalog.find(courseId)?.lessons.map((lesson) => lesson.ref.id) ?? [];
      const startedDaysAgo = 20 + Math.floor(random() * 400);
      const passes = progress > 0.55;
      // Those who passed read every lesson; the others stopped somewhere before the end.
      const lessonsRead = passes
        ? lessons.length
        : 1 + Math.floor(random() * Math.max(1, lessons.length - 1));
      const records: StatementInput[] = lessons.slice(0, lessonsRead).flatMap((lessonId, index) => [
        {
          id: randomUUID(),
          personId,
          verb: "initialized" as const,
          activity: { courseId, lessonId },
          timestamp: daysAgo(startedDaysAgo - index / 2),
        },
        {
          id: randomUUID(),
          personId,
          verb: "completed" as const,
          activity: { courseId, lessonId },
          timestamp: daysAgo(startedDaysAgo - index / 2 - 0.01),
        },
      ]);
      if (passes) {
        const passedDaysAgo = startedDaysAgo - 5 - Math.floor(random() * 10);
        records.push({
          id: randomUUID(),
          personId,
          verb: "passed",
          activity: { courseId, assessment: "final" },
          timestamp: daysAgo(passedDaysAgo),
          score: { scaled: 0.8 + Math.round(random() * 20) / 100 },
          success: true,
        });
      }
      await ingestStatements(db, validityRules(catalog), records.map(buildStatement) as Statement[], {
        authority: personAgent(personId),
      });
      statements += records.length;
    }
  }
  return { units, learners, cohorts: cohorts.length, statements };
}
