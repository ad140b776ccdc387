// The one way the portal makes a PDF document (monitor report, advice letter, …): pdfmake 0.3 on
// the server, no browser. Fonts are Roboto from pdfmake's bundled vfs (no font files on disk, no
// downloads); local files and URLs are refused, so a document can only show what its caller put in.
// Every document gets the house style, document metadata and "Pagina x van y" in the footer.
import { createRequire } from "node:module";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";

export type { Content as PdfContent, TDocumentDefinitions as PdfDefinition } from "pdfmake/interfaces";

type PdfMake = {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};

// pdfmake and its vfs are CommonJS singletons: load them once and configure them once.
const require = createRequire(import.meta.url);
let instance: PdfMake | null = null;
function pdfmake(): PdfMake {
  if (instance) return instance;
  const pm = require("pdfmake") as PdfMake;
  const vfs = require("pdfmake/build/vfs_fonts.js") as Record<string, string>;
  for (const [name, base64] of Object.entries(vfs)) pm.virtualfs.writeFileSync(name, Buffer.from(base64, "base64"));
  pm.setFonts({
    Roboto: { normal: "Roboto-Regular.ttf", bold: "Roboto-Medium.ttf", italics: "Roboto-Italic.ttf", bolditalics: "Roboto-MediumItalic.ttf" },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  instance = pm;
  return pm;
}

/** The house style every document shares; callers add their own styles next to these. */
export const PDF_STYLES = {
  title: { fontSize: 22, bold: true, color: "#1f3a5f", margin: [0, 0, 0, 8] },
  subtitle: { fontSize: 13, color: "#333333", margin: [0, 0, 0, 4] },
  h1: { fontSize: 15, bold: true, color: "#1f3a5f", margin: [0, 12, 0, 6] },
  h2: { fontSize: 12, bold: true, color: "#1f3a5f", margin: [0, 8, 0, 4] },
  small: { fontSize: 8, color: "#555555" },
  tableHeader: { bold: true, fillColor: "#e8eef5" },
  num: { alignment: "right" },
} satisfies TDocumentDefinitions["styles"];

export type PdfDocumentInput = {
  /** Document title (metadata and, unless the content says otherwise, nothing else). */
  title: string;
  /** Who or what made it, in the metadata. */
  author?: string;
  content: Content;
  styles?: TDocumentDefinitions["styles"];
  /** Left of the footer on every page, e.g. the document title and period. */
  footerText?: string;
  pageOrientation?: "portrait" | "landscape";
};

/** A complete A4 document definition in the house style: metadata, margins, "Pagina x van y". */
export function pdfDefinition(input: PdfDocumentInput): TDocumentDefinitions {
  return {
    info: { title: input.title, author: input.author ?? "Regiotafel", creator: "Regiotafel", producer: "Regiotafel (pdfmake)" },
    pageSize: "A4",
    pageOrientation: input.pageOrientation ?? "portrait",
    pageMargins: [48, 48, 48, 56],
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.15 },
    styles: { ...PDF_STYLES, ...(input.styles ?? {}) },
    content: input.content,
    footer: (currentPage: number, pageCount: number) => ({
      margin: [48, 16, 48, 0],
      columns: [
        { text: input.footerText ?? input.title, style: "small" },
        { text: `Pagina ${currentPage} van ${pageCount}`, style: "small", alignment: "right", width: 90 },
      ],
    }),
  };
}

/** Renders a document definition to the bytes of a PDF. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(definition).getBuffer();
}

/** A download response for a rendered PDF (attachment; never cached: it may hold case data). */
export function pdfResponse(pdf: Buffer, filename: string): Response {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "-");
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Cache-Control": "no-store",
    },
  });
}
