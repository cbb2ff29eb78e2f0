import { seededRandom } from "./bulk-ledger";

export type DemoRandom = () => number;
export const demoRandom: (seed: number) => DemoRandom = seededRandom;

// Latin-1 only: the paper scans print them in a standard PDF font.
const first = [
  "Ana",
  "Bruno",
  "Chen",
  "Dewi",
  "Emeka",
  "Fatima",
  "Giulia",
  "Hiro",
  "Isabel",
  "João",
  "Kavya",
  "Luis",
  "Maya",
  "Nadia",
  "Omar",
  "Priya",
  "Rafael",
  "Sofia",
  "Tomás",
  "Wen",
];
const last = ["Souza", "Okafor", "Lim", "Santoso", "Rossi", "Tanaka", "García", "Khan", "Nguyen", "Müller", "Silva", "Patel", "Haddad", "Kowalski"];
const agents = [
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
];

export type DemoPerson = { phone: string; name: string | null; ip: string; userAgent: string };

/** Distinct, valid US numbers (+1 415 200 xxxx upwards), with a name for those who gave one. */
export function demoPeople(r: DemoRandom): { next(named: boolean): DemoPerson } {
  let n = 0;
  return {
    next(named) {
      const phone = `+1415${String(2_000_000 + n++).padStart(7, "0")}`;
      const name = named && r() < 0.7 ? `${first[Math.floor(r() * first.length)]} ${last[Math.floor(r() * last.length)]}` : null;
      return { phone, name, ip: `198.51.100.${1 + Math.floor(r() * 250)}`, userAgent: agents[Math.floor(r() * agents.length)]! };
    },
  };
}
