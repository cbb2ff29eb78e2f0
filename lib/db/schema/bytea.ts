import { customType } from "drizzle-orm/pg-core";

/** Raw bytes; PGlite hands back a Uint8Array and node-postgres a Buffer, so reads are wrapped in Buffer.from. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
