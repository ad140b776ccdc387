// Dutch default messages for zod, so every validation error a user sees is in Dutch.
import { z, ZodIssueCode, type ZodErrorMap } from "zod";

const dutchErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return { message: issue.received === "undefined" || issue.received === "null" ? "Dit veld is verplicht." : "Deze waarde is niet geldig." };
    case ZodIssueCode.too_small:
      if (issue.type === "string") return { message: issue.minimum === 1 ? "Dit veld is verplicht." : `Vul minstens ${issue.minimum} tekens in.` };
      if (issue.type === "array") return { message: issue.minimum === 1 ? "Kies minstens één optie." : `Kies minstens ${issue.minimum} opties.` };
      return { message: `De waarde moet minstens ${issue.minimum} zijn.` };
    case ZodIssueCode.too_big:
      if (issue.type === "string") return { message: `Vul hoogstens ${issue.maximum} tekens in.` };
      return { message: `De waarde mag hoogstens ${issue.maximum} zijn.` };
    case ZodIssueCode.invalid_string:
      if (issue.validation === "email") return { message: "Vul een geldig e-mailadres in." };
      if (issue.validation === "url") return { message: "Vul een geldige webadres (URL) in." };
      return { message: "Deze waarde heeft niet de goede vorm." };
    case ZodIssueCode.invalid_enum_value:
      return { message: "Kies een van de mogelijke opties." };
    case ZodIssueCode.invalid_date:
      return { message: "Vul een geldige datum in." };
    default:
      return { message: ctx.defaultError };
  }
};

z.setErrorMap(dutchErrorMap);
export { z };
