// The burgerservicenummer check (elfproef): nine digits, weights 9..2 and -1, sum divisible by 11.

/** Digits only; an eight-digit BSN gets its leading zero back. */
export function normaliseBsn(input: string): string {
  const digits = input.replace(/[\s.-]/g, "");
  return /^\d{8}$/.test(digits) ? `0${digits}` : digits;
}

export function isValidBsn(input: string): boolean {
  const bsn = normaliseBsn(input);
  if (!/^\d{9}$/.test(bsn) || bsn === "000000000") return false;
  const sum = [...bsn].reduce((acc, digit, i) => acc + Number(digit) * (i === 8 ? -1 : 9 - i), 0);
  return sum % 11 === 0;
}
