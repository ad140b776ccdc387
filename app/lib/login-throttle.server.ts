// Failed logins throttled per account (the e-mail typed, existing or not) and per IP.
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { AppConfig } from "./config.server";

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function createLoginThrottle(config: AppConfig["login"]) {
  const perAccount = new RateLimiterMemory({ keyPrefix: "acct", points: config.maxPerAccount, duration: config.windowSeconds });
  const perIp = new RateLimiterMemory({ keyPrefix: "ip", points: config.maxPerIp, duration: config.windowSeconds });
  const accountKey = (email: string) => email.trim().toLowerCase();
  const exhausted = async (limiter: RateLimiterMemory, key: string, max: number) =>
    ((await limiter.get(key))?.consumedPoints ?? 0) >= max;

  return {
    async isBlocked(email: string, ip: string) {
      return (
        (await exhausted(perAccount, accountKey(email), config.maxPerAccount)) ||
        (await exhausted(perIp, ip, config.maxPerIp))
      );
    },
    async recordFailure(email: string, ip: string) {
      // penalty() adds points without throwing when the limit is passed.
      await Promise.all([perAccount.penalty(accountKey(email)), perIp.penalty(ip)]);
    },
    async recordSuccess(email: string) {
      await perAccount.delete(accountKey(email));
    },
  };
}
