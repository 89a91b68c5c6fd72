import { expect, test } from "@playwright/test";
import { consoleAs, HALONG_PARENTS, numberIn } from "./console-helpers.ts";

const HEADER = "Họ và tên;Tên đăng nhập;Vai trò;Mã đơn vị;Số điện thoại;Email";
const file = (name: string, lines: string[]) => ({
  name,
  mimeType: "text/csv",
  // What Excel saves as "CSV UTF-8" in a Vietnamese locale: BOM, semicolons, CRLF.
  buffer: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8"),
});

test("a roster with errors is refused row by row, then imported once fixed", async ({ browser }) => {
  const trainer = await consoleAs(browser, "trainer.halong");
  await trainer.getByRole("link", { name: HALONG_PARENTS }).click();
  const membersBefore = await numberIn(trainer, "members");
  await trainer.getByRole("link", { name: "Nhập danh sách" }).click();
  await expect(trainer.getByRole("heading", { level: 1 })).toContainText("Nhập danh sách");

  await trainer
    .getByLabel("Tệp danh sách")
    .setInputFiles(
      file("danh-sach.csv", [
        HEADER,
        "Nguyễn Thị Thuỷ;thuy.nguyen;Phụ huynh;QN-HL;0912345678;",
        "Trần Văn Đức;duc.tran;Phụ huynh;QN-XX;;",
        "Lê Thị Hằng;THUY.NGUYEN;phụ huynh;QN-HL;;",
        "Phạm Quốc Việt;viet.pham;Hiệu trưởng;QN-HL;;",
        "Hoàng Ngọc Ánh;anh.hoang;Phụ huynh;QN-BC;;",
      ]),
    );
  await trainer.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(trainer.getByRole("heading", { name: /Có 4 lỗi/ })).toBeVisible();
  const problems = trainer.getByTestId("roster-problem");
  await expect(problems).toHaveCount(4);
  await expect(problems.nth(0)).toContainText("3");
  await expect(problems.nth(0)).toContainText("Mã đơn vị “QN-XX”");
  await expect(problems.nth(0)).toContainText("Không có đơn vị với mã này.");
  await expect(problems.nth(1)).toContainText("Tên đăng nhập trùng với dòng 2.");
  await expect(problems.nth(2)).toContainText("Vai trò không hợp lệ");
  await expect(problems.nth(3)).toContainText("Đơn vị này không thuộc phạm vi của nhóm.");
  await expect(trainer.getByRole("button", { name: /^Nhập \d+ người/ })).toHaveCount(0);

  await trainer
    .getByLabel("Tệp danh sách")
    .setInputFiles(
      file("danh-sach-da-sua.csv", [
        HEADER,
        "Nguyễn Thị Thuỷ;thuy.nguyen;Phụ huynh;QN-HL;0912345678;",
        "Trần Văn Đức;duc.tran;Phụ huynh;QN-HL;;",
        "Lê Thị Hằng;hang.le;phụ huynh;QN-HL;;",
        "Phạm Quốc Việt;viet.pham;Phụ huynh;QN-HL-TH;;viet@example.vn",
      ]),
    );
  await trainer.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(trainer.getByRole("heading", { name: /Tệp hợp lệ: 4 người mới/ })).toBeVisible();
  await trainer.getByRole("button", { name: "Nhập 4 người vào nhóm" }).click();
  await expect(trainer.getByTestId("roster-result")).toContainText("tạo 4 tài khoản, thêm 4 người vào nhóm");

  await trainer.getByTestId("roster-result").getByRole("link", { name: "Thành viên" }).click();
  await expect(trainer.getByRole("heading", { level: 1 })).toContainText("Thành viên:");
  await trainer.getByLabel("Tìm theo tên hoặc tên đăng nhập").fill("Thuỷ");
  const table = trainer.getByTestId("members-table");
  await expect(table.getByRole("rowheader", { name: "Nguyễn Thị Thuỷ" })).toBeVisible();
  await expect(table).toContainText("Chưa có mật khẩu");
  await trainer.getByLabel("Tìm theo tên hoặc tên đăng nhập").fill("");
  for (const name of ["Trần Văn Đức", "Lê Thị Hằng", "Phạm Quốc Việt"]) {
    await trainer.getByLabel("Tìm theo tên hoặc tên đăng nhập").fill(name);
    await expect(table.getByRole("rowheader", { name })).toBeVisible();
  }
  await trainer.getByRole("link", { name: HALONG_PARENTS }).click();
  await expect(trainer.getByTestId("members")).toHaveText(String(membersBefore + 4));
});
