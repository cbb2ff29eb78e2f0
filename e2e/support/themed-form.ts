/** A published demo form with colours of its own (seeded by e2e/seed/themed.ts), for the axe checks. */
export const themedForm = {
  id: "6f1f0b8e-5c59-4a8e-9d3b-2f7c1a0e4d21",
  slug: "colours",
  theme: { accent: "#9d174d", background: "#fdf2f8" },
};
