import type { FormTheme } from "@/lib/db/schema/form-content";
import { DEVANAGARI_WEIGHTS } from "@/lib/public-pages/devanagari-font";
import { preloadDevanagari } from "./devanagari-preload";
import { FrameHeight } from "./frame-height";
import { ThemeStyle } from "./theme-style";

type Props = {
  /** The language the page is shown in. */
  language?: string;
  /** Who is asking: the business's name, always at the top. */
  businessName?: string;
  /** The form's colours (lib/forms/theme.ts); the default accent and background without one. */
  theme?: FormTheme;
  switcher?: React.ReactNode;
  children: React.ReactNode;
};

/** The frame of every consumer page: the business's name, the language switcher, one calm column. */
export function PublicPage({ language, businessName, theme, switcher, children }: Props) {
  // Hindi: every face the page draws (body 400, labels 600, the heading 700), fetched with the stylesheet.
  if (language === "hi") preloadDevanagari(DEVANAGARI_WEIGHTS);
  return (
    <div className="min-h-dvh bg-[color:var(--form-bg)]">
      {theme && <ThemeStyle theme={theme} />}
      <FrameHeight />
      <div data-frame-content className="mx-auto max-w-xl px-4 pt-4 sm:pt-8">
        <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
          {businessName ? <p className="text-sm font-semibold uppercase tracking-wide text-[color:var(--form-accent)]">{businessName}</p> : <span />}
          {switcher}
        </header>
        <main className="pb-10 pt-3 sm:pt-5">{children}</main>
      </div>
    </div>
  );
}
