import { PublicNotFound } from "@/components/public/public-not-found";
import { loadRetiredPreferencePage, notFoundSwitcher, requestedPreferenceLink, visitorLanguage } from "@/lib/public-pages/pages";

// A link that once worked says why it no longer does; any other token gets the plain not-found.
export default async function PreferencesNotFound() {
  const link = await requestedPreferenceLink();
  const retired = link ? await loadRetiredPreferencePage(link.token, link.lang) : undefined;
  if (retired) return <PublicNotFound language={retired.language} kind="preferences" retired={retired.retired} switcher={await notFoundSwitcher()} />;
  return <PublicNotFound language={await visitorLanguage()} kind="preferences" switcher={await notFoundSwitcher()} />;
}
