import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["owner", "admin", "marketer", "compliance", "viewer"]);
/** Channels a form can be published on: the five opt-in methods the WhatsApp policy names. */
export const formChannelEnum = pgEnum("form_channel", ["web", "sms", "whatsapp", "ivr", "paper"]);
/** Channels an event can arrive through: the form channels plus CSV import, staff entry and the API. */
export const eventChannelEnum = pgEnum("event_channel", ["web", "sms", "whatsapp", "ivr", "paper", "import", "staff", "api"]);
export const consentActionEnum = pgEnum("consent_action", ["opt_in", "opt_out", "confirm"]);
export const subscriptionStateEnum = pgEnum("subscription_state", ["opted_in", "opted_out"]);
export const optInLevelEnum = pgEnum("opt_in_level", ["single", "confirmed"]);
export const formStatusEnum = pgEnum("form_status", ["draft", "published", "archived"]);
export const templateCategoryEnum = pgEnum("template_category", ["marketing", "utility", "authentication"]);
/** pending: not yet handed to the workspace's webhook endpoints; dispatched: one delivery row made per endpoint. */
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "dispatched", "dead"]);
export const webhookEndpointStatusEnum = pgEnum("webhook_endpoint_status", ["active", "disabled"]);
/** dead: every retry failed; it waits in the delivery log for someone to redeliver it. */
export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", ["pending", "delivered", "dead"]);
