// Kept apart from demo.ts so pages can link to the demo without importing database code.
export const DEMO_SLUG = "demo";
export const DEMO_FORM_SLUG = "join";
