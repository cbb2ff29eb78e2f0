// The demo form's address: the home page links to it and the demo seed (lib/seed) makes it. Kept here, apart
// from the seed, so pages can link to the demo without importing database code or the seed.
export const DEMO_SLUG = "demo";
export const DEMO_FORM_SLUG = "join";
