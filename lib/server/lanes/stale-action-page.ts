import "server-only";
import { negotiateLanguage } from "../../i18n/negotiate";
import { pageErrorLanguages, pageErrorText } from "../../i18n/page-updated";
import { devanagariFontFaceCss } from "../../public-pages/devanagari-font";
import { escapeHtml as esc } from "../../security/escape-html";

// The app's own Devanagari faces (public/fonts, the same in every build), so Hindi reads where no system font has
// it; first in the font stack, as in the app (app/globals.css says why).
const devanagari = devanagariFontFaceCss();

/**
 * The page a form posted without JavaScript gets when it was rendered by an earlier build: Next.js no longer knows
 * its server action and would answer a bare "Server Action unavailable." (next-lane.ts). It says plainly that
 * nothing was saved and links to the same address, which shows the page anew. Plain HTML with its styles inline:
 * it must not depend on the build's assets, which are what changed.
 */
export function staleActionPage(url: URL, acceptLanguage: string | undefined): { html: string; language: string } {
  const language = negotiateLanguage({ requested: url.searchParams.get("lang"), acceptLanguage, available: pageErrorLanguages, fallback: "en" });
  const text = pageErrorText(language);
  const again = `${url.pathname}${url.search}`;
  const html = `<!doctype html>
<html lang="${esc(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(text.updatedTitle)}</title>
<style>${devanagari}body{margin:0;font-family:"Assent Devanagari",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:32rem;margin:0 auto;padding:4rem 1rem}h1{font-size:1.5rem;margin:0}p{margin:.75rem 0 0;color:#334155;line-height:1.5}
a{display:inline-block;margin-top:1.5rem;padding:.625rem 1rem;border-radius:.375rem;background:#0f172a;color:#fff;text-decoration:none;font-weight:600}
a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}</style></head>
<body><main role="alert"><h1>${esc(text.updatedTitle)}</h1><p>${esc(text.updatedBody)}</p><a href="${esc(again)}">${esc(text.reload)}</a></main></body></html>
`;
  return { html, language };
}
