import "server-only";
import type { Db } from "../db/client";
import type { CommandPlan } from "./plan";
import type { Receipt } from "./types";
import { writePlans, type PlanExtras } from "./write";

/**
 * Group commit: appends that arrive while others are being written share one transaction, and so one durable
 * commit, instead of each paying its own. Nothing waits on a timer: an append that finds no batch in flight is
 * written at once, alone, as before; only the ones that arrive meanwhile queue, and the next batch takes them all.
 * So one client sees no added latency, and many see their appends carried together (measured in
 * docs/performance.md; decision 0014).
 *
 * The guarantees are writePlans' own, which already writes many commands in one transaction for imports: per
 * contact, commands chain in the order they arrived (one head per contact, locked in the batch); idempotency keys
 * are claimed first, in sorted order, and a twin inside one batch gets its first's receipt; and each caller is
 * answered only after the commit that holds its events, so acknowledged still means durable. When the batch
 * cannot commit as a whole (one command refused inside the transaction, such as a confirmation of nothing or an
 * identity conflict, or a deadlock with another instance's batch), each of its commands is written on its own, as
 * it would have been without batching, and gets its own answer.
 */
const MAX_BATCH = 64;
/**
 * Batches one process writes at once. More than one keeps the database busy while a batch's answers go back;
 * each batch locks its contacts in digest order, so two of them wait for each other rather than deadlock.
 */
const MAX_IN_FLIGHT = 2;

type Waiting = { plan: CommandPlan; extras: PlanExtras; resolve(receipt: Receipt): void; reject(error: unknown): void };
/** How many commands this process committed, in how many commits that carried more than one of them. */
export type SharedCommitStats = { commands: number; sharedCommits: number; sharedCommands: number };
type Queue = { inFlight: number; waiting: Waiting[]; stats: SharedCommitStats };

/** Per database handle, so that separate databases (tests run several in one process) never share a batch. */
const queues = new WeakMap<Db, Queue>();

export function commitPlan(db: Db, plan: CommandPlan, extras: PlanExtras = {}): Promise<Receipt> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { inFlight: 0, waiting: [], stats: { commands: 0, sharedCommits: 0, sharedCommands: 0 } };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise<Receipt>((resolve, reject) => {
    q.waiting.push({ plan, extras, resolve, reject });
    pump(db, q);
  });
}

/** What group commit did on this database, since the process started: for the bench and the tests. */
export function sharedCommitStats(db: Db): SharedCommitStats {
  return { ...(queues.get(db)?.stats ?? { commands: 0, sharedCommits: 0, sharedCommands: 0 }) };
}

function pump(db: Db, q: Queue): void {
  while (q.inFlight < MAX_IN_FLIGHT && q.waiting.length > 0) {
    const batch = q.waiting.splice(0, MAX_BATCH);
    q.inFlight += 1;
    q.stats.commands += batch.length;
    void commitBatch(db, batch, q.stats).finally(() => {
      q.inFlight -= 1;
      pump(db, q);
    });
  }
}

async function commitBatch(db: Db, batch: Waiting[], stats: SharedCommitStats): Promise<void> {
  if (batch.length === 1) return commitAlone(db, batch[0]!);
  const extras = new Map(batch.map((w) => [w.plan, w.extras]));
  let outcomes;
  try {
    outcomes = await db.transaction((tx) =>
      writePlans(
        tx,
        batch.map((w) => w.plan),
        { extrasFor: (p) => extras.get(p) },
      ),
    );
  } catch {
    await Promise.all(batch.map((w) => commitAlone(db, w)));
    return;
  }
  stats.sharedCommits += 1;
  stats.sharedCommands += batch.length;
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.ok) batch[i]!.resolve(outcome.receipt);
    else batch[i]!.reject(outcome.error);
  }
}

async function commitAlone(db: Db, w: Waiting): Promise<void> {
  try {
    const receipt = await db.transaction(async (tx) => {
      const [outcome] = await writePlans(tx, [w.plan], { extrasFor: () => w.extras });
      if (!outcome!.ok) throw outcome!.error;
      return outcome!.receipt;
    });
    w.resolve(receipt);
  } catch (error) {
    w.reject(error);
  }
}
