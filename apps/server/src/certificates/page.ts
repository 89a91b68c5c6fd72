import type { CertificateStatus, Verification } from "./certificates.ts";
import { vietnameseDate } from "./pdf.ts";

const STATUS: Record<
  CertificateStatus,
  { vi: string; en: string; color: string; note: { vi: string; en: string } }
> = {
  valid: {
    vi: "Hợp lệ",
    en: "Valid",
    color: "#0b6b3a",
    note: {
      vi: "Chứng nhận này do BVTE Academy cấp, chữ ký số đúng và còn hiệu lực.",
      en: "This certificate was issued by BVTE Academy, its digital signature is intact and it is in force.",
    },
  },
  expired: {
    vi: "Đã hết hạn",
    en: "Expired",
    color: "#8a5a00",
    note: {
      vi: "Chứng nhận này do BVTE Academy cấp và chữ ký số đúng, nhưng đã quá thời hạn hiệu lực.",
      en: "This certificate was issued by BVTE Academy and its signature is intact, but it is past its validity.",
    },
  },
  revoked: {
    vi: "Đã bị thu hồi",
    en: "Revoked",
    color: "#a11d1d",
    note: {
      vi: "Chứng nhận này đã bị BVTE Academy thu hồi và không còn giá trị.",
      en: "BVTE Academy has revoked this certificate; it is no longer valid.",
    },
  },
  forged: {
    vi: "Không hợp lệ – có thể là giả mạo",
    en: "Not valid – possibly forged",
    color: "#a11d1d",
    note: {
      vi: "BVTE Academy không cấp chứng nhận nào với nội dung này, hoặc nội dung đã bị sửa đổi.",
      en: "BVTE Academy issued no certificate with this content, or its content has been altered.",
    },
  },
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] as string,
  );

/** The public verification page: Vietnamese first, English below, no script (the CSP allows none). */
export function renderVerifyPage(result: Verification): string {
  const status = STATUS[result.status];
  const row = (vi: string, en: string, value: string | null) =>
    value === null
      ? ""
      : `<tr><th>${vi}<br><span class="en">${en}</span></th><td>${escapeHtml(value)}</td></tr>`;
  const details =
    result.status === "forged" && result.holderName === null
      ? ""
      : `<table>
      ${row("Người được chứng nhận", "Holder", result.holderName)}
      ${row("Khoá học", "Course", result.courseTitle)}
      ${row("Ngày cấp", "Issued", result.issuedAt && vietnameseDate(result.issuedAt))}
      ${row("Có hiệu lực đến", "Valid until", result.expiresAt && vietnameseDate(result.expiresAt))}
      ${row("Ngày thu hồi", "Revoked on", result.revokedAt && vietnameseDate(result.revokedAt))}
    </table>`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xác minh chứng nhận – BVTE Academy</title>
<style>
  body { font-family: system-ui, "Noto Sans", sans-serif; margin: 0; background: #f4f7f8; color: #1a2b3c; }
  main { max-width: 40rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: .5rem; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  .status { font-size: 1.6rem; font-weight: 700; color: ${status.color}; margin: .5rem 0; }
  .en { color: #5a6672; font-weight: 400; font-size: .9em; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { text-align: left; padding: .5rem .25rem; border-top: 1px solid #e2e8ec; vertical-align: top; }
  th { width: 40%; font-weight: 600; }
  footer { font-size: .85rem; color: #5a6672; }
</style>
</head>
<body>
<main>
  <h1>Xác minh chứng nhận <span class="en">· Certificate verification</span></h1>
  <p class="status">${status.vi} <span class="en">· ${status.en}</span></p>
  <p>${status.note.vi}<br><span class="en">${status.note.en}</span></p>
  ${details}
  <footer>Mã chứng nhận / Certificate ID: ${escapeHtml(result.id)}<br>
  Dữ liệu máy đọc / Machine-readable: <a href="/api/verify/${encodeURIComponent(result.id)}">/api/verify/${escapeHtml(result.id)}</a></footer>
</main>
</body>
</html>`;
}
