// ASVS V2.1: 12–128 characters, any Unicode, no common or guessable passwords.
import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** A Dutch reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Kies een wachtwoord van minstens ${PASSWORD_MIN} tekens.`;
  if (length > PASSWORD_MAX) return `Kies een wachtwoord van hoogstens ${PASSWORD_MAX} tekens.`;
  const result = zxcvbn(password, context);
  if (result.score < 3) return "Dit wachtwoord is te voorspelbaar of komt veel voor. Kies een langere zin of een minder gangbare combinatie.";
  return null;
}
