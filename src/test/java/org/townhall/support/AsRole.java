package org.townhall.support;

import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;

/**
 * Townhall itself connects as the application role, which may not change the audit trail or the
 * ledger. A test that plays an attacker with more power (the tables' owner, or a superuser who can
 * switch triggers off) asks for that role here, by name, so the power it uses is visible.
 */
public final class AsRole {

    private AsRole() {
    }

    public static JdbcClient owner(EmbeddedServer server) {
        return JdbcClient.create(server.dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE));
    }

    public static JdbcClient superuser(EmbeddedServer server) {
        return JdbcClient.create(server.dataSource(DatabaseRoles.SUPERUSER, DatabaseRoles.DATABASE));
    }

    /**
     * Tampers with audit row {@code id} as a superuser would ({@code sql}), lets {@code check} look
     * at the damage, then puts the row back exactly as it was, so the one trail every test shares
     * (and every backup of it) stays intact for the tests after.
     */
    public static void tamperWithAuditRowThenPutItBack(EmbeddedServer server, long id, Runnable check, String sql, Object... args) {
        String original = superuser(server).sql("select row_to_json(a)::text from audit_event a where id = ?").param(id)
                .query(String.class).single();
        try {
            superuserBypassingTriggers(server, sql, args);
            check.run();
        } finally {
            superuserBypassingTriggers(server, "delete from audit_event where id = ?", id);
            superuserBypassingTriggers(server, "insert into audit_event select * from json_populate_record(null::audit_event, ?::json)",
                    original);
        }
    }

    /** What a superuser could do: switch every trigger off for one transaction and run {@code sql}. */
    public static void superuserBypassingTriggers(EmbeddedServer server, String sql, Object... args) {
        try (Connection connection = server.dataSource(DatabaseRoles.SUPERUSER, DatabaseRoles.DATABASE).getConnection()) {
            connection.setAutoCommit(false);
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            jdbc.execute("set local session_replication_role = replica");
            jdbc.update(sql, args);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
