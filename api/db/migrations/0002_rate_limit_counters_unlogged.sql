-- Custom migration (drizzle-kit generate --custom): drizzle has no way to declare an UNLOGGED table.
-- Rate-limit counters need no crash safety; without write-ahead logging their commits do not wait
-- for a disk flush, so the one counter row every request from an address updates stays cheap.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
