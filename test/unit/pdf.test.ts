// The one PDF module: a valid document with the bundled fonts (Dutch diacritics survive), metadata,
// "Pagina x van y" on every page, and no access to local files or URLs from a document definition.
import { pdfDefinition, pdfResponse, renderPdf } from "~/lib/pdf.server";
import { readPdf } from "../helpers/pdf-text";

describe("pdf.server", () => {
  it("renders a multi-page A4 document with title, page numbers and diacritics", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `Regel ${i + 1}: geïncludeerd, één, ë`);
    const pdf = await renderPdf(
      pdfDefinition({ title: "Testrapport", footerText: "Testrapport · 4e kwartaal 2026", content: [{ text: "Testrapport", style: "title" }, ...rows.map((text) => ({ text }))] }),
    );
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const read = await readPdf(pdf);
    expect(read.title).toBe("Testrapport");
    expect(read.pageCount).toBeGreaterThan(1);
    expect(read.pages[0]).toContain("Testrapport");
    expect(read.pages[0]).toContain("geïncludeerd, één");
    read.pages.forEach((text, i) => expect(text).toContain(`Pagina ${i + 1} van ${read.pageCount}`));
  });

  it("refuses images from the file system or a URL", async () => {
    await expect(renderPdf(pdfDefinition({ title: "x", content: [{ image: "/etc/passwd" }] }))).rejects.toThrow();
    await expect(renderPdf(pdfDefinition({ title: "x", content: [{ image: "https://example.org/a.png" }] }))).rejects.toThrow();
  });

  it("answers as an attachment that is never cached", async () => {
    const response = pdfResponse(Buffer.from("%PDF-1.3"), "rapport 4e kwartaal/2026.pdf");
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="rapport-4e-kwartaal-2026.pdf"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});
