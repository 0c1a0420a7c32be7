-- Two PostgreSQL roles for production: townhall_owner owns the schema and is the one Flyway
-- migrates as (SPRING_FLYWAY_USER); townhall_app is the one Townhall connects as
-- (SPRING_DATASOURCE_USERNAME). The application role owns nothing, so it cannot switch off the
-- audit trail's and the ledger's append-only triggers, drop them or rewrite the tables. The
-- embedded default makes the same two roles for itself and runs step 2 at every start (ADR 0022).
-- Run with psql as a superuser:  psql -v owner_password=... -v app_password=... -f docs/database-roles.sql
-- (DatabaseRolesTest runs these statements against a real PostgreSQL.)

-- 1. Once, as a superuser.
CREATE ROLE townhall_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE townhall_app LOGIN PASSWORD :'app_password';
CREATE DATABASE townhall OWNER townhall_owner;
\connect townhall

-- 2. Once, in the townhall database, as a superuser or townhall_owner: the application may
--    connect and use the schema, and create nothing in it.
REVOKE ALL ON DATABASE townhall FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE townhall TO townhall_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO townhall_app;

-- There is no step 3 to remember: after every migration Townhall itself, as townhall_owner, grants
-- townhall_app what it may do with each table (ApplicationRoleGrants): read and write, except that
-- the audit trail and the ledger may only be read and added to, a payment is never deleted, and
-- the migration history is read only. Production then refuses to start if the role it connects
-- as is a superuser, has REPLICATION, BYPASSRLS or CREATEROLE, or owns those tables.
