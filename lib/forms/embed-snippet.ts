const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The HTML a marketer pastes into their site. No sandbox attribute: the form needs scripts, its own origin's
 * cookies and form posts, and the page it lands on (the receipt) stays in the frame. The site must also be on
 * the form's list of allowed sites, or the browser refuses to show it (frame-ancestors).
 */
export function embedSnippet(url: string, title: string): string {
  return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="960" style="border:0;max-width:640px" loading="lazy"></iframe>`;
}
