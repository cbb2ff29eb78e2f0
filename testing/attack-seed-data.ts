/** What testing/attack-seed.ts creates, shared with the suites that attack it. Test-only secrets. */
export const attackSecrets = { metaAppSecret: "attack-meta-app-secret", twilioAuthToken: "attack-twilio-auth-token" } as const;
export const attackOwnerPassword = "attack owner password 1";

export type SeededWorkspace = {
  slug: string;
  formSlug: string;
  formId: string;
  formVersionId: string;
  categoryIds: string[];
  contactId: string;
  contactPhone: string;
  preferenceToken: string;
  apiKey: string;
  apiKeyId: string;
  webhookEndpointId: string;
  owner: { email: string; password: string };
};

export type AttackSeed = { databaseUrl: string; a: SeededWorkspace; b: SeededWorkspace };
