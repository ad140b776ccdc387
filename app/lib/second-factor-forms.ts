// The code field of the login and enrolment forms: 6 digits, spaces allowed ("123 456").
import { z } from "~/domain/dutch-errors";
import { normaliseCode } from "~/domain/second-factor";

export const CODE_MESSAGE = "Vul de 6 cijfers uit uw authenticator-app in.";

export const codeField = z
  .string()
  .max(20, CODE_MESSAGE)
  .transform((value, ctx) => {
    const code = normaliseCode(value);
    if (code == null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: CODE_MESSAGE });
      return z.NEVER;
    }
    return code;
  });

/** A failed form without the code typed: a code is not sent back to the browser, like a password. */
export function withoutCode<F extends { values: Record<string, string | string[]> }>(result: F): F {
  const values = { ...result.values };
  delete values.code;
  return { ...result, values };
}
