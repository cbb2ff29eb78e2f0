import "server-only";
import type { Db } from "../db/client";
import type { LedgerContext } from "../ledger/lookups";
import { forgetChoiceQuestions } from "./keyword-choice";
import { messagesFor } from "../i18n/languages";
import type { OptOutKeywords } from "../db/schema/channels";
import { recordOptOut, type ChannelCategory, type InboundCommandBase } from "./inbound-consent";
import { categoryLabelIn, type OptOutMatch } from "./keywords";

/** What a stop reply says on a channel: the SMS and WhatsApp dictionaries each have these. */
type StopReplies = { stoppedAll: (business: string) => string; stoppedOne: (kind: string, business: string) => string };

export type StopContext = {
  business: string;
  keywords: OptOutKeywords;
  categories: ChannelCategory[];
  replies: (language: string) => StopReplies;
  /** The ledger's view of the workspace, when the caller read it with the categories: the opt-out then looks nothing up. */
  ledger?: LedgerContext;
};

export type StopMatch = OptOutMatch | { scope: "all" | "one"; language: string; categoryKey?: string };

/**
 * A stop, however it came (a word, a button, the provider's own opt-out flag): every category or one, as ONE
 * append, answered in `language`. "unclear" (a stop word opening some other sentence) records nothing and is
 * answered with how to stop. Returns the reply, or null when the match named a category that does not exist.
 */
export async function applyStop(db: Db, base: InboundCommandBase, ctx: StopContext, stop: StopMatch): Promise<string | null> {
  if (stop.scope === "unclear") return unclearStopReply(stop.language, stop.word, ctx);
  const resolved = clearStop(ctx, stop);
  if (!resolved) return null;
  const forget = ctx.ledger ? forgetChoiceQuestions(ctx.ledger.workspace, base.phone) : null;
  await recordOptOut(db, base, resolved.keys, { context: ctx.ledger, alongside: forget ? [forget] : [] });
  return resolved.reply;
}

/**
 * A clear stop (every category, or one): the categories it opts out of and its answer in its language; null when it
 * names a category that does not exist.
 */
export function clearStop(ctx: StopContext, stop: StopMatch & { scope: "all" | "one" }): { keys: string[]; reply: string } | null {
  const m = ctx.replies(stop.language);
  if (stop.scope === "all") return { keys: ctx.categories.map((c) => c.key), reply: m.stoppedAll(ctx.business) };
  const key = "categoryKey" in stop ? stop.categoryKey : undefined;
  const category = ctx.categories.find((c) => c.key === key);
  return category ? { keys: [category.key], reply: m.stoppedOne(categoryLabelIn(category, stop.language), ctx.business) } : null;
}

/** How to stop, with the word the person used and a real category as the example. */
function unclearStopReply(language: string, word: string, ctx: StopContext): string {
  const example = `${word} ${ctx.categories[0] ? categoryLabelIn(ctx.categories[0], language) : ""}`.trim();
  return messagesFor(language).inbound.unclearStop(ctx.business, word, example);
}

/** HELP, in the language asked: that language's stop words first, an example with a real category, the keywords. */
export function localizedHelpReply(language: string, ctx: Pick<StopContext, "business" | "keywords" | "categories">, joinWords: string[]): string {
  const byLanguage = ctx.keywords;
  const words = [...new Set([...(byLanguage[language] ?? []), ...Object.values(byLanguage).flat(), "STOP"])].slice(0, 4);
  const or = (list: string[]) => new Intl.ListFormat(language, { type: "disjunction" }).format(list);
  const example = `${words[0]} ${ctx.categories[0]?.label ?? ""}`.trim();
  return messagesFor(language).whatsapp.help(ctx.business, or(words), example, joinWords.length ? or(joinWords) : null);
}
