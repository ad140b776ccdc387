import { GENESIS_HASH, hashEvent, verifyChain, type ChainRow, type ChainedFields } from "~/domain/audit-chain";

function event(n: number): ChainedFields {
  return {
    at: new Date(Date.UTC(2026, 0, 5, 9, n)).toISOString(),
    action: n % 2 ? "case.view" : "login",
    outcome: "success",
    userId: `user-${n}`,
    userEmail: `gebruiker${n}@regiotafel.test`,
    role: "chair",
    organisationId: 10 + n,
    responsibleUserId: `user-${n}`,
    objectType: "case",
    objectId: String(100 + n),
    patientId: `P-${n}`,
    detail: `dossier bekeken ${n}`,
    consentOverride: false,
    ip: "192.0.2.7",
    userAgent: "Mozilla/5.0",
  };
}

/** A correctly linked chain of `length` rows with ids 1..length. */
function chain(length: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= length; id++) {
    const fields = event(id);
    const hash = hashEvent(prevHash, fields);
    rows.push({ ...fields, id, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

/** A different value of the same kind for every field. */
const CHANGES: { [K in keyof ChainedFields]: (v: ChainedFields[K]) => ChainedFields[K] } = {
  at: (v) => v.replace("09:", "10:"),
  action: () => "case.edit",
  outcome: () => "denied",
  userId: () => "user-other",
  userEmail: () => "iemand.anders@regiotafel.test",
  role: () => "admin",
  organisationId: (v) => (v ?? 0) + 1,
  responsibleUserId: () => "user-other",
  objectType: () => "consent",
  objectId: () => "999",
  patientId: () => "P-other",
  detail: (v) => `${v}.`,
  consentOverride: (v) => !v,
  ip: () => "198.51.100.1",
  userAgent: () => "curl/8.0",
};

describe("audit hash chain", () => {
  it("accepts an intact chain and counts every row", () => {
    expect(verifyChain(chain(6))).toEqual({ ok: true, checked: 6 });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
  });

  it("hashes deterministically, over the previous hash and every field", () => {
    const fields = event(1);
    expect(hashEvent(GENESIS_HASH, fields)).toBe(hashEvent(GENESIS_HASH, { ...fields }));
    expect(hashEvent(GENESIS_HASH, fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent("1".repeat(64), fields)).not.toBe(hashEvent(GENESIS_HASH, fields));
  });

  it.each(Object.keys(CHANGES) as (keyof ChainedFields)[])("names the row whose %s was changed", (field) => {
    const rows = chain(6);
    const target = rows[3];
    const change = CHANGES[field] as (v: unknown) => unknown;
    const tampered = rows.map((r) => (r === target ? { ...r, [field]: change(r[field]) } : r));
    expect(tampered[3][field]).not.toEqual(rows[3][field]);
    expect(verifyChain(tampered)).toEqual({ ok: false, checked: 3, brokenId: target.id, reason: "inhoud gewijzigd" });
  });

  it("names the row when its stored hash or previous hash is changed", () => {
    const rows = chain(5);
    const badHash = rows.map((r) => (r.id === 2 ? { ...r, hash: "f".repeat(64) } : r));
    // The row's own content no longer matches its hash.
    expect(verifyChain(badHash)).toMatchObject({ ok: false, brokenId: 2 });
    const badPrev = rows.map((r) => (r.id === 4 ? { ...r, prevHash: "e".repeat(64) } : r));
    expect(verifyChain(badPrev)).toMatchObject({ ok: false, brokenId: 4 });
  });

  it("names the next row when a changed row's own hash was recomputed to hide the change", () => {
    const rows = chain(5);
    const target = rows[1];
    const forged = { ...target, detail: "verzonnen" };
    forged.hash = hashEvent(forged.prevHash, forged);
    const tampered = rows.map((r) => (r === target ? forged : r));
    expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenId: 3, reason: expect.stringContaining("vorige hash") });
  });

  it("names the row after a deleted row", () => {
    const rows = chain(6);
    const withoutRow3 = rows.filter((r) => r.id !== 3);
    expect(verifyChain(withoutRow3)).toEqual({
      ok: false,
      checked: 2,
      brokenId: 4,
      reason: "vorige hash klopt niet (rij verwijderd of ingevoegd)",
    });
    const withoutFirst = rows.slice(1);
    expect(verifyChain(withoutFirst)).toMatchObject({ ok: false, checked: 0, brokenId: 2 });
  });

  it("detects reordered rows", () => {
    const rows = chain(5);
    const swapped = [rows[0], rows[2], rows[1], rows[3], rows[4]];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, checked: 1, brokenId: 3 });
    // Swapping two rows' contents while keeping the ids in order is detected too.
    const contentSwapped = rows.map((r, i) => (i === 1 ? { ...rows[2], id: 2 } : i === 2 ? { ...rows[1], id: 3 } : r));
    expect(verifyChain(contentSwapped)).toMatchObject({ ok: false, checked: 1, brokenId: 2 });
  });

  it("detects a row inserted into the middle", () => {
    const rows = chain(4);
    const fields = event(99);
    const inserted: ChainRow = { ...fields, id: 99, prevHash: rows[1].hash, hash: hashEvent(rows[1].hash, fields) };
    const withInsert = [rows[0], rows[1], inserted, rows[2], rows[3]];
    expect(verifyChain(withInsert)).toMatchObject({ ok: false, checked: 3, brokenId: 3 });
  });
});
