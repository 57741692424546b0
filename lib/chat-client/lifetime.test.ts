import { describe, expect, it } from "vitest";

import { layoutLifetimes, willExpireMoment, type TokenSpan } from "./lifetime";

function span(id: number, issuedAt: number, expiresAt: number): TokenSpan {
  return {
    id,
    issuedAt,
    expiresAt,
    willExpireAt: willExpireMoment(issuedAt, expiresAt),
    renewedAt: null,
  };
}

describe("willExpireMoment", () => {
  it("falls at 80 % of the token's life", () => {
    expect(willExpireMoment(1_000, 11_000)).toBe(9_000);
  });
});

describe("layoutLifetimes", () => {
  it("fills the axis with a single token and marks 80 %", () => {
    const layout = layoutLifetimes([span(1, 0, 10_000)], 2_500);

    expect(layout.rows).toEqual([
      {
        id: 1,
        startPct: 0,
        widthPct: 100,
        willExpirePct: 80,
        renewedPct: null,
        elapsedPct: 25,
      },
    ]);
    expect(layout.nowPct).toBe(25);
  });

  it("starts the next token's span where it was issued, after the renewal", () => {
    const first = { ...span(1, 0, 10_000), renewedAt: 8_200 };
    const second = span(2, 8_000, 18_000);

    const layout = layoutLifetimes([first, second], 9_000);

    expect(layout.rows[0]!).toMatchObject({
      widthPct: 55.6,
      willExpirePct: 44.4,
      renewedPct: 45.6,
      elapsedPct: 90,
    });
    expect(layout.rows[1]!).toMatchObject({ startPct: 44.4, widthPct: 55.6 });
    expect(layout.nowPct).toBe(50);
  });

  it("keeps only the newest tokens", () => {
    const spans = [1, 2, 3, 4].map((id) =>
      span(id, id * 1_000, id * 1_000 + 1_000),
    );

    const layout = layoutLifetimes(spans, 0, 2);

    expect(layout.rows.map((row) => row.id)).toEqual([3, 4]);
    expect(layout.rows[0]!.startPct).toBe(0);
  });

  it("hides the now line outside the axis and caps the elapsed share", () => {
    const layout = layoutLifetimes([span(1, 0, 1_000)], 5_000);

    expect(layout.nowPct).toBeNull();
    expect(layout.rows[0]!.elapsedPct).toBe(100);
  });

  it("lays out nothing without tokens", () => {
    expect(layoutLifetimes([], 0)).toEqual({ rows: [], nowPct: null });
  });
});
