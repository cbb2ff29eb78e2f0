/**
 * proxy.ts copies a consumer page's path and query into this request header so the root layout, which sees
 * neither, can set <html lang> to the language the page is shown in.
 */
export const publicPathHeader = "x-assent-public-path";
