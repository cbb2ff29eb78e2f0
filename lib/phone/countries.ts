import { getCountries, getCountryCallingCode, isSupportedCountry } from "libphonenumber-js/max";

export type CountryOption = { code: string; name: string; callingCode: string };

/** Every country libphonenumber knows, named in the visitor's language, for the phone number's country picker. */
export function countryOptions(language: string): CountryOption[] {
  const names = new Intl.DisplayNames([language, "en"], { type: "region" });
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
}

/**
 * The country the number picker starts on: the region of the visitor's browser language when it names one
 * (es-MX → Mexico), else the workspace's default. A number typed with + ignores the picker anyway.
 */
export function startingCountry(workspaceDefault: string, browserRegion: string | undefined): string {
  return browserRegion && isSupportedCountry(browserRegion) ? browserRegion : workspaceDefault;
}
