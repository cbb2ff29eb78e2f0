import { defaultBackground } from "./channel-policy";
import type { FormTheme } from "../db/schema/form-content";

const hex = /^#[0-9a-f]{6}$/;

/**
 * The colours a consumer page is drawn in: the form version's own, else the workspace's brand colour on the
 * default background. Anything that is not a plain #rrggbb falls back, so the value is safe to put in CSS.
 */
export function pageTheme(theme: FormTheme | undefined, brandColor: string | undefined): FormTheme {
  const fallbackAccent = brandColor && hex.test(brandColor) ? brandColor : "#0f766e";
  return {
    accent: theme && hex.test(theme.accent) ? theme.accent : fallbackAccent,
    background: theme && hex.test(theme.background) ? theme.background : defaultBackground,
  };
}
