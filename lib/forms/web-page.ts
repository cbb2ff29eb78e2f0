import type { FormVersionContent } from "../db/schema/form-content";
import { keywordChannel } from "./channels";

/**
 * Whether a form has a web sign-up page at /f/{workspace}/{form}. A keyword form is a conversation, reached by
 * sending its keyword: it has a page only when the marketer also asked for one (`webPage`). An IVR form is the
 * script read to a caller, recorded through the API: no page. Web and paper forms have one.
 */
export function hasWebPage(channel: string, content: Pick<FormVersionContent, "webPage">): boolean {
  if (keywordChannel(channel)) return content.webPage === true;
  return channel !== "ivr";
}
