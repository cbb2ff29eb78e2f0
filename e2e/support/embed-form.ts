import { e2ePort } from "./ports";

/**
 * A published form that a page on another origin may frame, for e2e/specs/form-sharing.spec.ts. Its id is fixed so
 * the spec can open the form's dashboard pages without going through the form list.
 */
export const embedForm = {
  id: "0e2e0000-0000-4000-8000-00000000e3bd",
  slug: "embedded",
  /** Cross-site with the app on 127.0.0.1, as a customer's shop would be. */
  allowedOrigin: `http://localhost:${e2ePort(3141)}`,
  refusedOrigin: `http://localhost:${e2ePort(3142)}`,
} as const;
