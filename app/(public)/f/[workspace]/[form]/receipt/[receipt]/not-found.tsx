import { PublicNotFound } from "@/components/public/public-not-found";
import { notFoundSwitcher, visitorLanguage } from "@/lib/public-pages/pages";

export default async function ReceiptNotFound() {
  return <PublicNotFound language={await visitorLanguage()} kind="receipt" switcher={await notFoundSwitcher()} />;
}
