import "server-only";
import { isSupportedLanguage, messagesFor } from "../i18n/languages";
import { escapeHtml } from "../security/escape-html";

/**
 * What a visitor without JavaScript gets when the hosted form throttles their network: a real 429 with
 * Retry-After (a server action re-rendering the form can only answer 200), in the form's language, and a way
 * back. Plain HTML with the one static stylesheet, so it needs no script and no inline style under any CSP.
 */
export function throttledResponse(options: { language: string; formPath: string; retryAfterSeconds: number; businessName?: string }): Response {
  const language = isSupportedLanguage(options.language) ? options.language : "en";
  const m = messagesFor(language).errors;
  const back = `${options.formPath}?lang=${encodeURIComponent(language)}`;
  // Who is asking, as at the top of every consumer page: a bare "please wait" could be from anyone.
  const business = options.businessName ? escapeHtml(options.businessName) : null;
  const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${business ? `${business}: ` : ""}${escapeHtml(m.throttledTitle)}</title>
<link rel="stylesheet" href="/consumer-notice.css">
</head>
<body>
<main>
${business ? `<p class="business">${business}</p>\n` : ""}<h1>${escapeHtml(m.throttledTitle)}</h1>
<p role="alert">${escapeHtml(m.tooManyFromNetwork)}</p>
<p><a href="${escapeHtml(back)}">${escapeHtml(m.backToForm)}</a></p>
</main>
</body>
</html>`;
  return new Response(html, {
    status: 429,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "retry-after": String(Math.max(1, Math.ceil(options.retryAfterSeconds))),
      "cache-control": "no-store",
    },
  });
}
