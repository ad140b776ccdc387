import { PassThrough } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";

const ABORT_DELAY = 5_000;

// Every page is rendered whole before it is sent: the portal streams nothing (no deferred data,
// no Suspense), so waiting for the end costs no time to first byte, and one body in one piece
// is compressed and written once instead of in React's small chunks (gzip and socket writes were
// a fifth of a signed-in page's CPU when it was streamed).
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    // Cleared once everything is rendered: an uncleared timer keeps each render alive 5 s.
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(abortTimer);
          const body = new PassThrough();
          buffer(body).then((html) => {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            responseHeaders.set("Content-Length", String(html.length));
            resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
          }, reject);
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        // Without Suspense every render error is a shell error: rejected above and logged by
        // handleError, so it is not logged here a second time.
        onError() {
          responseStatusCode = 500;
        },
      },
    );
  });
}

// Loader/action errors are logged here, without request bodies (they may hold patient data).
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  // 404/405 for a wrong URL or method are answers, not faults.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(new URL(request.url).pathname, error);
}
