import { frameHeightMessage } from "../public-pages/frame-height";

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The frame's height before the page inside reports its own, and where a site's policy refuses the snippet's
 * script: the demo form (three kinds of message, English) measured 1,453 px tall at the frame's 640 px and 1,722-1,750
 * px at a 360 px phone, so 1,800 cuts nothing at common widths; the script then fits it exactly.
 */
export const defaultEmbedHeight = 1800;

/**
 * The HTML a marketer pastes into their site. No sandbox attribute: the form needs scripts, its own origin's
 * cookies and form posts, and the page it lands on (the receipt) stays in the frame. The site must also be on
 * the form's list of allowed sites, or the browser refuses to show it (frame-ancestors). The script after the
 * frame sizes it to the page inside (components/public/frame-height.tsx), taking heights only from that frame
 * and from this server's origin.
 */
export function embedSnippet(url: string, title: string): string {
  // An origin is scheme, host and port only; JSON quotes it for the script, and "<" could not end the script.
  const origin = JSON.stringify(new URL(url).origin).replace(/</g, "\\u003c");
  const script =
    `(function(f){addEventListener("message",function(e){var d=e.data;` +
    `if(e.source===f.contentWindow&&e.origin===${origin}&&d&&d.type==="${frameHeightMessage}"&&d.height>0)` +
    `f.style.height=Math.min(Math.ceil(d.height),20000)+"px"})})(document.currentScript.previousElementSibling)`;
  return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="${defaultEmbedHeight}" style="border:0;max-width:640px" loading="lazy"></iframe><script>${script}</script>`;
}
