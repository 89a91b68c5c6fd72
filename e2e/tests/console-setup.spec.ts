import { expect, test } from "@playwright/test";
import { consoleAs, numberIn, signInApi } from "./console-helpers.ts";

test("a trainer creates a cohort and hands out a join code that a learner uses", async ({ browser }) => {
  const trainer = await consoleAs(browser, "trainer.halong");
  await trainer.getByRole("link", { name: "Tạo nhóm mới" }).click();
  await trainer.getByRole("button", { name: "Tạo nhóm" }).click();
  await expect(trainer.getByText("Nhập tên nhóm.")).toBeVisible();
  await expect(trainer.getByLabel("Tên nhóm")).toBeFocused();

  await trainer.getByLabel("Tên nhóm").fill("Phụ huynh tự đăng ký – Hạ Long");
  await trainer.getByLabel("Đơn vị phụ trách").selectOption("QN-HL");
  await trainer.getByLabel("Kỹ năng làm cha mẹ").check();
  await trainer.getByLabel("Mục tiêu (%)").fill("90");
  await trainer.getByLabel("Hiệu lực đào tạo (tháng)").fill("12");
  await trainer.getByRole("button", { name: "Tạo nhóm" }).click();
  await expect(trainer.getByRole("heading", { level: 1 })).toHaveText("Phụ huynh tự đăng ký – Hạ Long");
  await expect(trainer.getByTestId("members")).toHaveText("0");
  await expect(trainer.getByTestId("rate")).toContainText("0");

  await trainer.getByRole("link", { name: "Mã tham gia" }).click();
  await trainer.getByRole("button", { name: "Tạo mã mới" }).click();
  const created = trainer.getByRole("status").filter({ hasText: "Đã tạo mã" });
  await expect(created).toBeVisible();
  const code = /Đã tạo mã ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec((await created.textContent()) ?? "")?.[1] as string;
  await expect(trainer.getByTestId("join-codes")).toContainText(`/join/${code}`);

  // The learner app's join screen posts the code with the learner's session.
  const learner = await (await browser.newContext()).newPage();
  await signInApi(learner.request, "phuhuynh.mai");
  const joined = await learner.request.post("/api/join", { data: { code: code.toLowerCase() } });
  expect(joined.status()).toBe(200);
  expect(await joined.json()).toMatchObject({
    cohortName: "Phụ huynh tự đăng ký – Hạ Long",
    alreadyMember: false,
  });

  await trainer.getByRole("link", { name: /Phụ huynh tự đăng ký/ }).click();
  await expect(trainer.getByTestId("members")).toHaveText("1");
  expect(await numberIn(trainer, "trained")).toBe(0);
  await expect(trainer.getByTestId("gap")).toHaveText("Còn 1 người cần đào tạo");
});

test("a cohort made by mistake is deleted, and the learner keeps what they learned", async ({ browser }) => {
  const trainer = await consoleAs(browser, "trainer.halong");
  const name = "Nhóm tạo nhầm – Hạ Long";
  await trainer.getByRole("link", { name: "Tạo nhóm mới" }).click();
  await trainer.getByLabel("Tên nhóm").fill(name);
  await trainer.getByLabel("Đơn vị phụ trách").selectOption("QN-HL");
  await trainer.getByLabel("Kỹ năng làm cha mẹ").check();
  await trainer.getByRole("button", { name: "Tạo nhóm" }).click();
  await expect(trainer.getByRole("heading", { level: 1 })).toHaveText(name);
  const cohortUrl = trainer.url();

  // A learner joins it before the mistake is noticed.
  const learner = await (await browser.newContext()).newPage();
  await signInApi(learner.request, "phuhuynh.mai");
  const progressBefore = await (await learner.request.get("/api/me/progress")).json();
  await trainer.getByRole("link", { name: "Mã tham gia" }).click();
  await trainer.getByRole("button", { name: "Tạo mã mới" }).click();
  const created = trainer.getByRole("status").filter({ hasText: "Đã tạo mã" });
  const code = /Đã tạo mã ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec((await created.textContent()) ?? "")?.[1] as string;
  expect((await learner.request.post("/api/join", { data: { code } })).status()).toBe(200);

  await trainer.goto(cohortUrl);
  await trainer.getByRole("link", { name: "Sửa thông tin" }).click();
  const confirmations: string[] = [];
  trainer.once("dialog", (dialog) => {
    confirmations.push(dialog.message());
    void dialog.accept();
  });
  await trainer.getByRole("button", { name: `Xoá nhóm “${name}”` }).click();
  await expect(trainer.getByRole("status").filter({ hasText: `Đã xoá nhóm “${name}”.` })).toBeVisible();
  expect(confirmations).toEqual([`Xoá nhóm “${name}” cùng danh sách 1 thành viên? Không thể hoàn tác.`]);
  await expect(trainer.getByRole("heading", { name: "Tổng quan các nhóm đào tạo" })).toBeVisible();
  await expect(trainer.getByTestId("cohort-row").filter({ hasText: name })).toHaveCount(0);
  await expect(
    trainer.getByTestId("cohort-row").filter({ hasText: "Cha mẹ học sinh phường Hạ Long" }),
  ).toHaveCount(1);

  // The code leads nowhere now; the learner's own progress is untouched.
  expect((await learner.request.post("/api/join", { data: { code } })).status()).toBe(404);
  expect(await (await learner.request.get("/api/me/progress")).json()).toEqual(progressBefore);
});

test("an admin manages units, trainers and LRS credentials", async ({ browser }) => {
  const admin = await consoleAs(browser, "admin");
  await admin.getByRole("link", { name: "Quản trị", exact: true }).click();
  await expect(admin.getByTestId("units-table")).toContainText("Phường Hạ Long");
  await admin.getByLabel("Trực thuộc").selectOption("QN-HL");
  await admin.getByLabel("Mã đơn vị").fill("QN-HL-MN");
  await admin.getByLabel("Tên đơn vị").fill("Trường Mầm non Hạ Long");
  await admin.getByLabel("Loại").selectOption("school");
  await admin.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(admin.getByText("Đã thêm đơn vị QN-HL-MN.")).toBeVisible();
  await expect(admin.getByTestId("units-table")).toContainText("Trường Mầm non Hạ Long");

  await admin.getByRole("link", { name: "Giảng viên", exact: true }).click();
  await admin.getByLabel("Tên đăng nhập").fill("trainer.mamnon");
  await admin.getByLabel("Họ và tên").fill("Đinh Thị Nguyệt");
  await admin.getByLabel("Đơn vị công tác").selectOption("QN-HL-MN");
  await admin.getByLabel("Phạm vi (đơn vị)").selectOption(["QN-HL-MN"]);
  await admin.getByLabel("Mật khẩu (ít nhất 10 ký tự)").fill("mầm non hạ long");
  await admin.getByRole("button", { name: "Tạo tài khoản giảng viên" }).click();
  await expect(admin.getByText("Đã tạo tài khoản trainer.mamnon.")).toBeVisible();
  await expect(admin.getByTestId("trainers-table")).toContainText("Trường Mầm non Hạ Long (QN-HL-MN)");
  const newcomer = await consoleAs(browser, "trainer.mamnon", "mầm non hạ long");
  await expect(newcomer.getByText("Chưa có nhóm nào trong phạm vi của bạn.")).toBeVisible();

  await admin.getByRole("link", { name: "Khoá truy cập LRS", exact: true }).click();
  await admin.getByLabel("Tên gọi").fill("Hệ thống báo cáo của Sở");
  await admin.getByRole("button", { name: "Tạo khoá mới" }).click();
  await expect(admin.getByTestId("lrs-secret")).not.toBeEmpty();
  await expect(admin.getByRole("row", { name: /Hệ thống báo cáo của Sở/ })).toBeVisible();
});
