import { z } from "zod";

/**
 * The one check for a date typed into a query or a form (YYYY-MM-DD): a real calendar day (zod's ISO date
 * knows month lengths and leap years), so 2026-02-30, 2026-13-45 or 9999-99-99 is refused with the field's
 * name here instead of reaching PostgreSQL, whose "date/time field value out of range" was a 500.
 */
export const calendarDate = (message = "use a real date like 2026-01-31") => z.iso.date({ error: message });

/** A date (that UTC day) or a date and time with Z or an offset: the API's time filters. */
export const dateOrDateTime = (message = "use a real date (2026-01-31) or a date and time with an offset (2026-01-31T14:05:00Z)") =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: message });
