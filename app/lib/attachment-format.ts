// What the pages say about attachments: the accepted kinds and readable sizes (shared with the browser).

/** Accepted content types, as decided from a file's bytes, with the extension it is offered under. */
export const ALLOWED_CONTENT_TYPES: Record<string, { ext: string; label: string }> = {
  "application/pdf": { ext: "pdf", label: "PDF" },
  "image/png": { ext: "png", label: "PNG-afbeelding" },
  "image/jpeg": { ext: "jpg", label: "JPEG-afbeelding" },
  "image/gif": { ext: "gif", label: "GIF-afbeelding" },
  "image/webp": { ext: "webp", label: "WebP-afbeelding" },
  "image/tiff": { ext: "tif", label: "TIFF-afbeelding" },
  "image/heic": { ext: "heic", label: "HEIC-afbeelding" },
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
}

export const contentTypeLabel = (contentType: string) => ALLOWED_CONTENT_TYPES[contentType]?.label ?? contentType;
