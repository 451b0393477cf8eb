/**
 * Schema the migrations own and the entities deliberately do not declare: the hash chain of the append-only
 * tables (chain_seq, prev_hash, row_hash and their unique constraint), written by a database trigger
 * (migration 1765200000001) and read only by the audit check, never by the application.
 */
export const OWNED_BY_THE_AUDIT_CHAIN =
  /^ALTER TABLE "\w+" (DROP COLUMN "(chain_seq|prev_hash|row_hash)"|DROP CONSTRAINT "UQ_\w+_chain")$/;
