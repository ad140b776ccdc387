// ASVS V2.1: 12–128 characters, any printable Unicode (no control characters), no common or guessable passwords.
import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { hasControlCharacters } from "./dutch-errors";

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** A Dutch reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Kies een wachtwoord van minstens ${PASSWORD_MIN} tekens.`;
  if (length > PASSWORD_MAX) return `Kies een wachtwoord van hoogstens ${PASSWORD_MAX} tekens.`;
  // Nobody types these (NUL, ESC, tab, line breaks …); a password holding them was pasted or made up by a machine.
  if (hasControlCharacters(password)) return "Dit wachtwoord bevat onzichtbare stuurtekens (zoals een tab of regeleinde). Kies een wachtwoord zonder.";
  const result = zxcvbn(password, context);
  if (result.score < 3) return "Dit wachtwoord is te voorspelbaar of komt veel voor. Kies een langere zin of een minder gangbare combinatie.";
  return null;
}
