import { languageName } from "@/lib/i18n/languages";
import { preloadDevanagari } from "./devanagari-preload";

type Props = {
  label: string;
  current: string;
  available: string[];
  /** The same page in another language. */
  hrefFor: (language: string) => string;
};

/** Plain links, so it works without JavaScript; each language named in itself. Hidden when there is one. */
export function LanguageSwitcher({ label, current, available, hrefFor }: Props) {
  if (available.length < 2) return null;
  // "हिन्दी" on a page in another language: its one face (400; the current language's font-medium draws with it).
  if (current !== "hi" && available.includes("hi")) preloadDevanagari([400]);
  return (
    <nav aria-label={label} className="text-sm">
      <ul className="flex flex-wrap gap-x-1 gap-y-1">
        {available.map((code) => (
          <li key={code}>
            {code === current ? (
              <span aria-current="true" lang={code} className="inline-flex min-h-8 items-center rounded-full bg-slate-900 px-3 font-medium text-white">
                {languageName(code)}
              </span>
            ) : (
              <a
                href={hrefFor(code)}
                lang={code}
                hrefLang={code}
                className="inline-flex min-h-8 items-center rounded-full px-3 text-slate-700 underline-offset-2 hover:bg-slate-200 hover:underline"
              >
                {languageName(code)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
