// What screen readers hear without looking for it: the one-time message after a change, and the
// new page's title after a client-side navigation (when focus also moves to its main heading).
import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Flash } from "~/lib/flash.server";

/** Always in the page (empty when there is nothing to say), so a message that appears is announced. */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  return (
    <div className="flash-region" role="status">
      {flash ? <p className={`alert alert--${flash.tone}`}>{flash.message}</p> : null}
    </div>
  );
}

export function PageAnnouncer() {
  const { pathname } = useLocation();
  const [announcement, setAnnouncement] = useState("");
  const first = useRef(true);
  useEffect(() => {
    // The first page load is announced by the browser itself; a redirect back to the same page
    // (after saving) keeps focus where it was and lets the message speak.
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    const target = heading ?? document.getElementById("inhoud");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
    }
    setAnnouncement(document.title);
  }, [pathname]);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="paginamelding">
      {announcement}
    </div>
  );
}
