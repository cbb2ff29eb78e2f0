import type { Metadata } from "next";
import { ChannelSettingsForm } from "@/components/settings/channel-settings-form";
import { SettingsHeader } from "@/components/settings/settings-nav";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { ensureChannelSettings, smsWebhookUrl, whatsappWebhookUrl } from "@/lib/channels/settings";
import { getDb } from "@/lib/server/app-database";
import { keywordLanguages } from "@/lib/channels/settings.validation";
import { rotateVerifyTokenAction, saveKeywordsAction, saveSmsAction, saveWhatsAppAction } from "./actions";

export const metadata: Metadata = { title: "Settings: Channels" };

function Copyable({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <code className="mt-1 block break-all rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900">{value}</code>
    </div>
  );
}

const stored = (sealed: string | null) => (sealed ? "Stored (hidden). Leave empty to keep it." : "Not set yet.");

export default async function ChannelSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "settings:manage", `/${slug}/settings/channels`);
  const settings = await ensureChannelSettings(await getDb(), actor.workspace.id);
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsHeader
        slug={slug}
        role={actor.role}
        current="/channels"
        intro="Connect your WhatsApp Business number and your Twilio SMS number, so replies such as STOP, your forms' keywords and WhatsApp's own marketing opt-outs are recorded in the ledger at once."
      />
      <section aria-labelledby="wa-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="wa-heading" className="text-lg font-semibold">
          WhatsApp (Cloud API)
        </h2>
        <p className="text-sm text-slate-600">
          In your Meta app, under WhatsApp → Configuration, set the callback URL and verify token below, then subscribe to the fields
          <code className="mx-1">messages</code>, <code className="mx-1">user_preferences</code> and <code className="mx-1">phone_number_quality_update</code>.
        </p>
        <Copyable label="Callback URL" value={whatsappWebhookUrl(slug)} />
        <Copyable label="Verify token" value={settings.whatsappVerifyToken} />
        <ChannelSettingsForm
          action={rotateVerifyTokenAction}
          schema="verifyToken"
          workspace={slug}
          fields={[]}
          submitLabel="Make a new verify token"
          idPrefix="wa-token"
        />
        <ChannelSettingsForm
          action={saveWhatsAppAction}
          schema="whatsapp"
          workspace={slug}
          idPrefix="wa"
          submitLabel="Save WhatsApp settings"
          fields={[
            {
              name: "phoneNumberId",
              label: "Phone number ID",
              hint: "From API Setup in your Meta app. Notifications for other numbers are ignored.",
              defaultValue: settings.whatsappPhoneNumberId ?? "",
            },
            {
              name: "appSecret",
              label: "App secret",
              type: "password",
              hint: `Signs every notification Meta sends (App settings → Basic). ${stored(settings.whatsappAppSecretSealed)}`,
            },
            {
              name: "accessToken",
              label: "Access token (optional)",
              type: "password",
              hint: `Lets Assent answer keywords on WhatsApp. ${stored(settings.whatsappAccessTokenSealed)}`,
            },
          ]}
        />
      </section>
      <section aria-labelledby="sms-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="sms-heading" className="text-lg font-semibold">
          SMS (Twilio)
        </h2>
        <p className="text-sm text-slate-600">In the Twilio console, set your number's "A message comes in" webhook to this URL with HTTP POST.</p>
        <Copyable label="Webhook URL" value={smsWebhookUrl(slug)} />
        <ChannelSettingsForm
          action={saveSmsAction}
          schema="sms"
          workspace={slug}
          idPrefix="sms"
          submitLabel="Save Twilio settings"
          fields={[
            {
              name: "number",
              label: "SMS number",
              hint: "The Twilio number people text your keywords to, with + and the country code. Keyword forms show it.",
              defaultValue: settings.smsNumber ?? "",
            },
            { name: "authToken", label: "Auth token", type: "password", hint: `Twilio signs each request with it. ${stored(settings.twilioAuthTokenSealed)}` },
          ]}
        />
      </section>
      <section aria-labelledby="kw-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="kw-heading" className="text-lg font-semibold">
          Opt-out words
        </h2>
        <p className="text-sm text-slate-600">
          A message that is exactly one of these words stops every kind of message; the word followed by a category's key or name (e.g. STOP offers) stops that
          kind only. SMS always honours STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE and OPTOUT too. Separate words with commas.
        </p>
        <ChannelSettingsForm
          action={saveKeywordsAction}
          schema="keywords"
          workspace={slug}
          idPrefix="kw"
          submitLabel="Save opt-out words"
          fields={keywordLanguages.map((l) => ({ name: l.field, label: l.label, defaultValue: (settings.optOutKeywords[l.code] ?? []).join(", ") }))}
        />
      </section>
    </div>
  );
}
