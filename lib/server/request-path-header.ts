/**
 * proxy.ts copies every page request's path and query into this request header (replacing any the client sent),
 * since layouts and guards see neither: the root layout sets <html lang> from a consumer page's path, and the
 * sign-in guard returns a signed-out visitor to the exact page they asked for.
 */
export const requestPathHeader = "x-assent-request-path";
