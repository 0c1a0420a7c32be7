package org.townhall.platform.database;

import java.util.List;

/**
 * The three roles of the embedded default, each with its own generated password: the superuser
 * only Townhall's start-up uses (to create the others), the owner Flyway migrates as, and the
 * application role every request runs as. The application role owns nothing, so it cannot switch
 * off, drop or get round the triggers that keep the audit trail and the ledger append-only:
 * PostgreSQL lets only a table's owner (or a superuser) do that.
 */
public enum DatabaseRoles {
    SUPERUSER("postgres", "database-superuser"),
    OWNER("townhall_owner", "database-owner"),
    APPLICATION("townhall_app", "database-application");

    /** The database Townhall's tables live in, owned by {@link #OWNER}. */
    public static final String DATABASE = "townhall";

    /**
     * What the application role may do with the database and its schema, given once by the owner:
     * connect, use the schema, create nothing. The embedded default runs exactly these at every
     * start; production runs them from docs/database-roles.sql (DatabaseRolesTest keeps the two the
     * same). Privileges on the tables themselves are {@code ApplicationRoleGrants}' alone.
     */
    public static final List<String> DATABASE_PRIVILEGES = List.of(
            "REVOKE ALL ON DATABASE townhall FROM PUBLIC",
            "GRANT CONNECT, TEMPORARY ON DATABASE townhall TO townhall_app",
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            "GRANT USAGE ON SCHEMA public TO townhall_app");

    private final String roleName;
    private final String passwordFile;

    DatabaseRoles(String roleName, String passwordFile) {
        this.roleName = roleName;
        this.passwordFile = passwordFile;
    }

    public String roleName() {
        return roleName;
    }

    String passwordFile() {
        return passwordFile + ".password";
    }
}
