// Prints the current code for the demo accounts' second factor (db/seed.ts, DEMO_TOTP_SECRET).
import { authenticator } from "otplib";
import { DEMO_TOTP_SECRET } from "../../db/seed";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "../../app/domain/second-factor";

const totp = authenticator.clone({ digits: TOTP_DIGITS, step: TOTP_PERIOD_SECONDS });
const left = TOTP_PERIOD_SECONDS - (Math.floor(Date.now() / 1000) % TOTP_PERIOD_SECONDS);
console.log(`${totp.generate(DEMO_TOTP_SECRET)}  (demo-accounts, nog ${left} s geldig; een code werkt één keer per account)`);
