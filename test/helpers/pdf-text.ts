// Reads a PDF the way a reader's viewer would (pdfjs-dist, no browser, no system tools): the page
// count and the text of each page, so tests can check what a generated document really says.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export type PdfText = { pageCount: number; pages: string[]; title: string | null };

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("").replace(/[ \t]+/g, " "));
  }
  const meta = await doc.getMetadata();
  const info = meta.info as { Title?: string };
  await doc.destroy();
  return { pageCount: pages.length, pages, title: info.Title ?? null };
}
