// "Not in the future" is judged by the referrer's calendar (Amsterdam): between midnight there and
// midnight UTC the two differ by a day, and a consent given today must not be refused as future.
import { ReferralSchema } from "~/domain/referral-schema";
import { validReferral } from "../helpers/referral-payload";

afterEach(() => vi.useRealTimers());

function consentGivenOn(givenOn: string) {
  const result = ReferralSchema.safeParse(validReferral({ consent: { givenOn } }));
  return result.success ? "ok" : result.error.issues.find((i) => i.path.join(".") === "consent.givenOn")?.message ?? "other error";
}

describe("referral dates", () => {
  it("accepts today's date in Amsterdam at 00:30 there (23:30 UTC the day before), refuses tomorrow", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T23:30:00Z"));
    expect(consentGivenOn("2026-12-02")).toBe("ok");
    expect(consentGivenOn("2026-12-01")).toBe("ok");
    expect(consentGivenOn("2026-12-03")).toBe("De datum mag niet in de toekomst liggen.");
  });
});
