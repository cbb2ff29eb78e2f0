/** A share as a percentage with one decimal, or a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%` : "—";
}

export const count = (n: number) => n.toLocaleString("en");
