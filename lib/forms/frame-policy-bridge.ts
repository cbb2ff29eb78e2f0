/**
 * How proxy.ts asks the app which sites may frame a form. The proxy is bundled on its own; importing the
 * database stack into it would bundle a second copy of the drivers. Instead the server registers the lookup
 * here at start (lib/server/start.ts) and the proxy, running in the same Node.js process, calls it.
 */
export type FrameAncestorsLookup = (workspaceSlug: string, formSlug: string) => Promise<readonly string[]>;

const key = Symbol.for("assent.frame-ancestors-lookup");
const holder = globalThis as unknown as { [key]?: FrameAncestorsLookup };

export function registerFrameAncestorsLookup(lookup: FrameAncestorsLookup): void {
  holder[key] = lookup;
}

/** The form's allowed sites; none (so: no framing) when the server has not registered a lookup or it fails. */
export async function lookUpFrameAncestors(workspaceSlug: string, formSlug: string): Promise<readonly string[]> {
  const lookup = holder[key];
  if (!lookup) return [];
  try {
    return await lookup(workspaceSlug, formSlug);
  } catch (error) {
    console.error("[frame-ancestors] lookup failed; refusing framing", error);
    return [];
  }
}
