import type { ConsentAction, OptInLevel } from "./types";

export type SubscriptionState = { state: "opted_in" | "opted_out"; optInLevel: OptInLevel | null };

/**
 * The one definition of how an event changes a subscription. append() writes its result to the
 * subscriptions table; verify() and the tests recompute it from the events: state = fold(events).
 */
export function applyEvent(previous: SubscriptionState | undefined, event: { action: ConsentAction; optInLevel: OptInLevel | null }): SubscriptionState {
  switch (event.action) {
    case "opt_out":
      return { state: "opted_out", optInLevel: null };
    case "confirm":
      return { state: "opted_in", optInLevel: "confirmed" };
    case "opt_in": {
      // Saying yes again does not undo a confirmation the number's owner already gave.
      const stillConfirmed = previous?.state === "opted_in" && previous.optInLevel === "confirmed";
      return { state: "opted_in", optInLevel: stillConfirmed ? "confirmed" : (event.optInLevel ?? "single") };
    }
  }
}

export function foldEvents(events: Iterable<{ action: ConsentAction; optInLevel: OptInLevel | null }>): SubscriptionState | undefined {
  let state: SubscriptionState | undefined;
  for (const event of events) state = applyEvent(state, event);
  return state;
}
