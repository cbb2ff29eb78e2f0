/**
 * The message a framed consumer page sends the site around it with its height (components/public/frame-height.tsx),
 * which the embed snippet's script listens for (lib/forms/embed-snippet.ts).
 */
export const frameHeightMessage = "assent:height";
