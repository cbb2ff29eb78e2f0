/** The quality spec's workspace and sign-in, and what its seed records (the spec checks the tables against these). */
export const qualityWorkspace = "quality-shop";
export const qualityOwner = { email: "e2e-quality@quality.test", password: "e2e quality password 1", name: "Quinn Quality" };
export const qualitySeed = {
  counter: { form: "Shop counter", optIns: 30 },
  giveaway: { form: "Spring giveaway", optIns: 25, optOuts: 10 },
} as const;
