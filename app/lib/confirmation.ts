// The confirmation step's fields, shared by the dialog (browser) and the actions (server).
import { plainText, z } from "~/domain/dutch-errors";

/** ?bevestig=<id> opens a confirmation in the page when JavaScript does not run. */
export const CONFIRM_PARAM = "bevestig";
export const CONFIRM_FIELD = "bevestigd";
export const CONFIRM_VALUE = "ja";

/** True when the post came through a confirmation (a bare one-click post is refused). */
export const isConfirmed = (formData: FormData) => formData.get(CONFIRM_FIELD) === CONFIRM_VALUE;

export const NOT_CONFIRMED = "Bevestig deze handeling eerst.";

/** A reason the log keeps: required, a few words at least. */
export const confirmationReason = (missing = "Vul een reden in.") =>
  plainText({ multiline: true, required: missing, max: 1000, tooLong: "Vul hoogstens 1000 tekens in." }).refine((v) => v.trim().length >= 5, {
    message: "Vul een reden van minstens 5 tekens in.",
  });

export { z };
