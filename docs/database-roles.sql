-- Two PostgreSQL roles for production: townhall_owner owns the schema and is the one Flyway
-- migrates as (SPRING_FLYWAY_USER); townhall_app is the one Townhall connects as
-- (SPRING_DATASOURCE_USERNAME). The application role does not own the audit trail or the ledger,
-- so it cannot switch off their append-only triggers, drop them or rewrite them.
-- Run with psql as a superuser:  psql -v owner_password=... -v app_password=... -f docs/database-roles.sql
-- (DatabaseRolesTest runs these statements against a real PostgreSQL.)

-- 1. Once, as a superuser.
CREATE ROLE townhall_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE townhall_app LOGIN PASSWORD :'app_password';
CREATE DATABASE townhall OWNER townhall_owner;
\connect townhall

-- 2. Once, in the townhall database, as a superuser: what the application may do with the tables
--    and sequences Flyway creates as townhall_owner, from the first migration on.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO townhall_app;
ALTER DEFAULT PRIVILEGES FOR ROLE townhall_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO townhall_app;
ALTER DEFAULT PRIVILEGES FOR ROLE townhall_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO townhall_app;

-- 3. After Townhall's first start, and again after every upgrade (it changes nothing the second
--    time), as townhall_owner: the audit trail and the ledger are only ever read and added to,
--    and a payment is never deleted. Until this runs their triggers refuse these statements anyway.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, journal_entry, journal_line FROM townhall_app;
REVOKE DELETE, TRUNCATE ON payment FROM townhall_app;
