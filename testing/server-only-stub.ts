// Tests run outside React Server Components; "server-only" would throw there, so it resolves here instead.
export {};
