// Allow-list schema for the chair's advice back to the referrer. Dutch messages per field.
import { optionalPlainText, z } from "~/domain/dutch-errors";

const adviceText = () => optionalPlainText({ multiline: true, max: 5000, tooLong: "Gebruik hoogstens 5000 tekens." });

export const AdviceSchema = z.object({
  adviceId: z.string({ required_error: "Dit advies bestaat niet (meer)." }).regex(/^[1-9]\d{0,9}$/, "Dit advies bestaat niet (meer).").transform(Number),
  questionAnswer: adviceText(),
  fittingOffer: adviceText(),
  planSummary: adviceText(),
  nextSteps: adviceText(),
});
