import type { Metadata } from "next";
import { ProfileForm } from "@/components/settings/profile-form";
import { SettingsHeader } from "@/components/settings/settings-nav";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { countryOptions } from "@/lib/phone/countries";
import { updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Settings: business profile" };

export default async function ProfileSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace: ws, role } = await requireWorkspacePage(slug, "settings:manage", `/${slug}/settings`);
  const saved = {
    businessName: ws.businessName,
    legalName: ws.legalName,
    whatsappNumber: ws.whatsappNumber,
    logoUrl: ws.logoUrl,
    brandColor: ws.brandColor,
    defaultLanguage: ws.defaultLanguage,
    defaultCountry: ws.defaultCountry,
    privacyPolicyUrl: ws.privacyPolicyUrl,
    requireConfirmation: ws.requireConfirmation,
  };
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsHeader
        slug={slug}
        role={role}
        current=""
        intro="Who people see when they opt in, and the defaults new forms and phone numbers start from. Every change is recorded in the audit log."
      />
      <section aria-label="Business profile" className="rounded-xl border border-slate-200 bg-white p-5">
        <ProfileForm action={updateProfileAction} workspace={slug} saved={saved} countries={countryOptions("en")} />
      </section>
    </div>
  );
}
