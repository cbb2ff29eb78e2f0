import { KeywordSignUpNotFound } from "@/components/public/keyword-sign-up-not-found";
import { PublicNotFound } from "@/components/public/public-not-found";
import { loadKeywordSignUp, notFoundSwitcher, visitorLanguage } from "@/lib/public-pages/pages";

export default async function FormNotFound() {
  const keyword = await loadKeywordSignUp();
  if (keyword) return <KeywordSignUpNotFound {...keyword} />;
  return <PublicNotFound language={await visitorLanguage()} kind="form" switcher={await notFoundSwitcher()} />;
}
