import { existsSync } from "node:fs";

/**
 * Debian's Chromium where the machine has it (CI and offline machines, where Playwright cannot download its
 * own); otherwise undefined, meaning Playwright's bundled Chromium, as on a developer's machine.
 */
export const systemChromium: string | undefined = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
