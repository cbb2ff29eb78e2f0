import { PublicNotFound } from "@/components/public/public-not-found";
import { visitorLanguage } from "@/lib/public-pages/pages";

export default async function PreferencesNotFound() {
  return <PublicNotFound language={await visitorLanguage()} kind="preferences" />;
}
