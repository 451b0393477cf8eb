#!/bin/sh
# Runs once, when the PostgreSQL container creates its data directory (docker-entrypoint-initdb.d).
# Two roles, so the app's own credentials cannot alter the record:
#   byloeft_owner  owns the database and its tables; only the migrate step uses it (MIGRATION_DATABASE_URL)
#   byloeft_app    what the API and the worker connect as (DATABASE_URL); the migrate step grants it
#                  read/write on the app's tables, INSERT-only on the append-only record, no ownership
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE byloeft_owner LOGIN PASSWORD '${BYLOEFT_OWNER_PASSWORD:-byloeft-owner}';
CREATE ROLE byloeft_app LOGIN PASSWORD '${BYLOEFT_APP_PASSWORD:-byloeft-app}';
CREATE DATABASE byloeft OWNER byloeft_owner;
REVOKE ALL ON DATABASE byloeft FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE byloeft TO byloeft_app;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname byloeft <<SQL
ALTER SCHEMA public OWNER TO byloeft_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
