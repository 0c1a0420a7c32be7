package org.townhall.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * After every migration, as the owner Flyway runs as: the application role may read and write
 * Townhall's tables, except that what must never be rewritten it may only read and add to. A
 * privilege is checked before any trigger runs, so these refusals hold even for a role that found
 * a way round the triggers; and a table added by a later migration is covered on the next start.
 */
@Component
class ApplicationRoleGrants implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRoleGrants.class);

    /** Read and added to, never changed or emptied: the audit trail, the ledger and the migration history. */
    static final List<String> APPEND_ONLY = List.of("audit_event", "journal_entry", "journal_line");
    /**
     * A payment's state moves forward (its trigger checks how) but a payment is never removed; nor
     * is the record of a backup or drill, which its own trigger keeps as it ended (V62).
     */
    static final List<String> NEVER_DELETED = List.of("payment", "backup_history");

    private final String applicationRole;

    ApplicationRoleGrants(@Value("${townhall.database.application-role:}") String applicationRole) {
        this.applicationRole = applicationRole.isBlank() ? null : applicationRole.trim();
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE && applicationRole != null;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            String owner = currentUser(s);
            if (owner.equals(applicationRole)) {
                log.warn("Flyway migrates as the application role {}: it owns the tables, so nothing stops it "
                        + "rewriting the audit trail. Set spring.flyway.user to the owner role.", applicationRole);
                return;
            }
            String role = quoted(applicationRole);
            s.execute("grant usage on schema public to " + role);
            s.execute("grant select, insert, update, delete on all tables in schema public to " + role);
            s.execute("grant usage, select on all sequences in schema public to " + role);
            for (String table : APPEND_ONLY) {
                if (exists(s, table)) {
                    s.execute("revoke update, delete, truncate, references, trigger on " + table + " from " + role);
                }
            }
            for (String table : NEVER_DELETED) {
                if (exists(s, table)) {
                    s.execute("revoke delete, truncate on " + table + " from " + role);
                }
            }
            s.execute("revoke insert, update, delete, truncate on flyway_schema_history from " + role);
            s.execute("revoke truncate, trigger on all tables in schema public from " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the application role " + applicationRole + " its privileges", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "application role grants";
    }

    private static String currentUser(Statement s) throws SQLException {
        try (var rows = s.executeQuery("select current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static boolean exists(Statement s, String table) throws SQLException {
        try (var rows = s.executeQuery("select to_regclass('public." + table + "') is not null")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static String quoted(String role) {
        if (!role.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalStateException("The application role's name must be a plain identifier: " + role);
        }
        return "\"" + role + "\"";
    }
}
