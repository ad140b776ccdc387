// Prints the current code for the demo accounts' second factor (db/seed.ts, DEMO_TOTP_SECRET).
import { TOTP_PERIOD_SECONDS } from "../../app/domain/second-factor";
import { totpCode } from "../../app/lib/second-factor.server";
import { DEMO_TOTP_SECRET } from "../../db/seed";

const left = TOTP_PERIOD_SECONDS - (Math.floor(Date.now() / 1000) % TOTP_PERIOD_SECONDS);
console.log(`${totpCode(DEMO_TOTP_SECRET)}  (demo-accounts, nog ${left} s geldig; een code werkt één keer per account)`);
