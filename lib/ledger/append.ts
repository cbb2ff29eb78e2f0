import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { AppError, ValidationError } from "../errors";
import type { LedgerContext } from "./lookups";
import { planCommand, type CommandPlan, type ContextCache } from "./plan";
import type { LedgerCommand, Receipt } from "./types";
import { commitPlan } from "./group-commit";
import { writePlans, type AppendOutcome } from "./write";

export type { AppendOutcome } from "./write";

export type AppendOptions = {
  /**
   * The hash of a new preference-centre token (lib/preferences/tokens.ts) to issue for the contact in the same
   * transaction: the contact's older links are revoked and this one stored with the events, so a sign-up costs
   * one durable commit, not two, written in the same statement as the events. Not issued on a replay (the caller
   * decides what a replay shows).
   */
  preferenceTokenHash?: string;
  /** The caller's statements that commit with the events or not at all (PlanExtras.alongside, lib/ledger/write.ts). */
  alongside?: SQL[];
  /**
   * The workspace, (a superset of) the command's categories and its form version's facts, when the caller has just
   * read them: the plan then needs no lookup of its own. Ignored when it was read for another command (plan.ts).
   */
  context?: LedgerContext;
};

/**
 * Records one change of consent: upserts the contact, writes one hash-chained event per category, updates
 * the subscription state, queues the outgoing webhook and remembers the idempotency key, all in ONE
 * transaction. Only the contact's row is locked, so appends for different people never wait on each other.
 * Everything that does not depend on the contact's chain is worked out before BEGIN (lib/ledger/plan.ts), and
 * the statements are written by hand (lib/ledger/write.ts): the query builder cost about a millisecond of CPU
 * per append.
 */
export async function append(db: Db, input: LedgerCommand, options: AppendOptions = {}): Promise<Receipt> {
  const plan = await planCommand(db, input, new Date(), undefined, options.context);
  // Concurrent appends share a commit (lib/ledger/group-commit.ts); a lone one is written at once, alone.
  return commitPlan(db, plan, { preferenceTokenHash: options.preferenceTokenHash, alongside: options.alongside });
}

/**
 * Most events one appendMany() call may write. The events go as arrays (a fixed number of parameters), but each
 * command's contact, key claim and personal data still take a few parameters a row, and PostgreSQL allows 65,535 a
 * statement; a bound also keeps one import batch's transaction, and its locks, short.
 */
export const MAX_EVENTS_PER_BATCH = 2_000;

/**
 * Many commands in ONE transaction with the same few statements as one append: the path for imports, where
 * one transaction per row would be far too slow. Each command is checked on its own (a bad one gets its error
 * and the others are written), and is written exactly as append() would write it, in the order given, so
 * the same number twice in a batch chains correctly. Confirmations are refused here: they depend on the
 * state each earlier command leaves, and append() checks them one at a time.
 */
export async function appendMany(db: Db, inputs: LedgerCommand[], cache: ContextCache = new Map()): Promise<AppendOutcome[]> {
  const now = new Date();
  const outcomes: (AppendOutcome | undefined)[] = new Array(inputs.length);
  const plans: { plan: CommandPlan; i: number }[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input.action === "confirm") {
      outcomes[i] = {
        ok: false,
        error: new ValidationError([{ field: "action", code: "not_batchable", message: "confirmations are recorded one at a time" }]),
      };
      continue;
    }
    try {
      plans.push({ plan: await planCommand(db, input, now, cache), i });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes[i] = { ok: false, error };
    }
  }
  const events = plans.reduce((n, { plan }) => n + plan.events.length, 0);
  if (events > MAX_EVENTS_PER_BATCH) throw new Error(`appendMany: ${events} events in one batch; the most is ${MAX_EVENTS_PER_BATCH}`);
  if (plans.length > 0) {
    const written = await db.transaction((tx) =>
      writePlans(
        tx,
        plans.map((p) => p.plan),
      ),
    );
    written.forEach((outcome, k) => {
      outcomes[plans[k]!.i] = outcome;
    });
  }
  return outcomes.map((o) => o!);
}
