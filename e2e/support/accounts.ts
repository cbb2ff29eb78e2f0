/** Sign-ins the end-to-end seed creates, shared by the seed script and the specs. Test-only passwords. */
export const e2eAccounts = {
  owner: { email: "e2e-owner@demo.test", password: "e2e owner password 1", name: "Olivia Owner" },
  marketer: { email: "e2e-marketer@demo.test", password: "e2e marketer password 1", name: "Mario Marketer" },
  compliance: { email: "e2e-compliance@demo.test", password: "e2e compliance password 1", name: "Cora Compliance" },
  outsider: { email: "e2e-outsider@other.test", password: "e2e outsider password 1", name: "Otto Outsider" },
} as const;

/** A contact of the demo workspace with a real opt-in through the demo form, among the bulk ones. */
export const e2eContactPhone = "+12015550177";
/** Another, that the webhook spec opts out. */
export const e2eWebhookContactPhone = "+12015550178";
export const e2eOtherWorkspace = "other-shop";
