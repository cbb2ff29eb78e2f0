/**
 * What an endpoint can subscribe to. The consent topics are the outbox topics the ledger writes
 * (`consent.${action}`), the quality alerts lib/quality/alerts.ts raises and the checkpoints the ledger seals
 * (lib/ledger/anchor/checkpoint-webhook.ts); the test topic is sent only by "Send test event" to the one endpoint asked.
 */
export const webhookTopicLabels = {
  "consent.opt_out": "Opt-outs",
  "consent.opt_in": "Opt-ins",
  "consent.confirm": "Confirmations (double opt-in)",
  "quality.alert": "Quality alerts (opt-out jumps, rating drops)",
  "ledger.checkpoint": "Ledger checkpoints (sealed heads, with their timestamp, to keep a copy)",
} as const;

export type WebhookTopic = keyof typeof webhookTopicLabels;
export const webhookTopics = Object.keys(webhookTopicLabels) as [WebhookTopic, ...WebhookTopic[]];
export const TEST_TOPIC = "webhook.test";

export const topicLabel = (topic: string) => (webhookTopicLabels as Record<string, string>)[topic] ?? (topic === TEST_TOPIC ? "Test event" : topic);
