import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import QRCode from "qrcode";

const require = createRequire(import.meta.url);
// Noto Sans covers every Vietnamese letter with its diacritics; the standard PDF fonts do not.
const fontFile = (weight: string) =>
  require.resolve(`@expo-google-fonts/noto-sans/${weight}/NotoSans_${weight}.ttf`);
let fonts: Promise<[Uint8Array, Uint8Array]> | undefined;

export interface CertificatePrint {
  id: string;
  holderName: string;
  courseTitle: { vi: string; en: string };
  percentage: number;
  issuedAt: string;
  expiresAt: string;
  verifyUrl: string;
  revoked: boolean;
}

/** dd/mm/yyyy in Vietnam's time zone, the way the certificate's readers write dates. */
export function vietnameseDate(iso: string): string {
  return new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date(iso));
}

const INK = rgb(0.1, 0.17, 0.24);
const ACCENT = rgb(0.05, 0.42, 0.45);
const MUTED = rgb(0.35, 0.4, 0.45);

/** An A4 landscape certificate with its fonts embedded and a QR code to the verification page. */
export async function renderCertificatePdf(print: CertificatePrint): Promise<Uint8Array> {
  fonts ??= Promise.all([readFile(fontFile("400Regular")), readFile(fontFile("700Bold"))]);
  const [regularBytes, boldBytes] = await fonts;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Giấy chứng nhận – ${print.courseTitle.vi}`);
  pdf.setAuthor("BVTE Academy");
  pdf.setLanguage("vi-VN");
  // Whole fonts: fontkit's subsetter drops most of Noto Sans's glyphs (the text came out blank).
  const regular = await pdf.embedFont(regularBytes, { subset: false });
  const bold = await pdf.embedFont(boldBytes, { subset: false });
  const page = pdf.addPage([841.89, 595.28]);
  const { width, height } = page.getSize();

  page.drawRectangle({
    x: 24,
    y: 24,
    width: width - 48,
    height: height - 48,
    borderColor: ACCENT,
    borderWidth: 3,
  });
  page.drawRectangle({
    x: 32,
    y: 32,
    width: width - 64,
    height: height - 64,
    borderColor: ACCENT,
    borderWidth: 0.75,
  });

  const center = (
    text: string,
    y: number,
    font: PDFFont,
    size: number,
    color = INK,
    maxWidth = width - 140,
  ) => {
    let s = size;
    while (s > 8 && font.widthOfTextAtSize(text, s) > maxWidth) s -= 0.5;
    page.drawText(text, { x: (width - font.widthOfTextAtSize(text, s)) / 2, y, size: s, font, color });
  };

  center("BVTE ACADEMY – HỌC VIỆN BẢO VỆ TRẺ EM", height - 80, bold, 12, ACCENT);
  center("GIẤY CHỨNG NHẬN", height - 135, bold, 38);
  center("CERTIFICATE", height - 158, regular, 13, MUTED);
  center("Chứng nhận Ông/Bà · This certifies that", height - 200, regular, 13, MUTED);
  center(print.holderName, height - 242, bold, 30);
  center(
    "đã đạt bài thi chứng nhận khoá học · has passed the certification exam of",
    height - 275,
    regular,
    13,
    MUTED,
  );
  center(print.courseTitle.vi, height - 310, bold, 20, ACCENT);
  center(print.courseTitle.en, height - 332, regular, 12, MUTED);
  center(
    `Điểm / Score: ${print.percentage}%    Ngày cấp / Issued: ${vietnameseDate(print.issuedAt)}    Có hiệu lực đến / Valid until: ${vietnameseDate(print.expiresAt)}`,
    height - 372,
    regular,
    12,
  );
  if (print.revoked) center("ĐÃ BỊ THU HỒI · REVOKED", height - 405, bold, 18, rgb(0.7, 0.1, 0.1));

  const left = 60;
  page.drawText(`Mã chứng nhận / Certificate ID: ${print.id}`, {
    x: left,
    y: 110,
    size: 10,
    font: regular,
    color: INK,
  });
  page.drawText("Xác minh tại / Verify at:", { x: left, y: 92, size: 10, font: regular, color: INK });
  page.drawText(print.verifyUrl, { x: left, y: 76, size: 10, font: bold, color: ACCENT });
  page.drawText(
    "Được ký số Ed25519, theo chuẩn Open Badges 3.0. · Digitally signed with Ed25519 (Open Badges 3.0).",
    { x: left, y: 56, size: 8.5, font: regular, color: MUTED },
  );
  drawQrCode(page, print.verifyUrl, width - 60 - 120, 50, 120);
  return pdf.save();
}

/** The QR code as vector squares, so it stays sharp when printed at any size. */
function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 2;
  const cell = size / (modules.size + quiet * 2);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      page.drawRectangle({
        x: x + (col + quiet) * cell,
        y: y + size - (row + quiet + 1) * cell,
        width: cell,
        height: cell,
        color: rgb(0, 0, 0),
      });
    }
  }
}
