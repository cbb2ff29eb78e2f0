/**
 * Every code an audit row may carry. The row's writers take only these (lib/handlers/audit.ts types them), and the
 * audit log turns each into a sentence (lib/audit/sentences.ts, whose test fails for a code without one), so a new
 * kind of staff action cannot reach the log as a bare code. The codes themselves stay in the database and in
 * support views: they are the stable, searchable names.
 */
export const auditActions = [
  "api-key.create",
  "api-key.limit",
  "api-key.revoke",
  "category.create",
  "category.retire",
  "category.unretire",
  "category.update",
  "channels.keywords.update",
  "channels.sms.update",
  "channels.whatsapp.update",
  "channels.whatsapp.verify-token",
  "contact.certificate",
  "contact.erase",
  "contact.paper_form",
  "events.export",
  "form.archive",
  "form.create",
  "form.publish",
  "form.restore",
  "import.preview",
  "import.resume",
  "import.start",
  "inbound.dead_letter.retry",
  "ledger.verify",
  "member.invite",
  "member.join",
  "member.remove",
  "member.role",
  "password.reset",
  "password.reset-link",
  "quality.alert.acknowledge",
  "quality.rating",
  "quality.thresholds",
  "settings.profile",
  "webhook.create",
  "webhook.disable",
  "webhook.enable",
  "webhook.redeliver",
  "webhook.remove",
  "webhook.rotate-secret",
  "webhook.test",
  "webhook.update",
  "workspace.create",
] as const;

export type AuditAction = (typeof auditActions)[number];
