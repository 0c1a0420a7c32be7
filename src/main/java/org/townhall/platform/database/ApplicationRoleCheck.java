package org.townhall.platform.database;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townhall.platform.StartRefused;

/**
 * Production refuses to start when the role Townhall connects as could rewrite history: a
 * superuser, a role that may bypass triggers (replication, which can set session_replication_role)
 * or row security, or the owner of the audit trail or ledger, which may disable their triggers.
 * It runs after migrations, so the tables it asks about exist, and before anything serves.
 */
@Component
@Profile("production")
class ApplicationRoleCheck {

    static final List<String> PROTECTED_TABLES = List.of("audit_event", "journal_entry", "journal_line");

    ApplicationRoleCheck(DataSource dataSource, ObjectProvider<FlywayMigrationInitializer> migratedFirst) {
        migratedFirst.ifAvailable(initializer -> { });
        List<String> problems = problems(JdbcClient.create(dataSource));
        if (!problems.isEmpty()) {
            throw new StartRefused("Townhall will not start in production: the database role it connects as %s."
                    .formatted(String.join("; ", problems)), """
                    Connect (SPRING_DATASOURCE_USERNAME) as a role that owns nothing and has none of these attributes, \
                    and migrate as the owner (SPRING_FLYWAY_USER): see the README's Database roles.""");
        }
    }

    /** What is wrong with the role this connection runs as, each naming the attribute or table. */
    static List<String> problems(JdbcClient jdbc) {
        List<String> problems = new ArrayList<>();
        var role = jdbc.sql("""
                select rolname, rolsuper, rolreplication, rolbypassrls, rolcreaterole
                from pg_roles where rolname = current_user""").query((rs, n) -> new Object[] {rs.getString(1),
                rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)}).single();
        String name = (String) role[0];
        if ((Boolean) role[1]) {
            problems.add(name + " is a superuser");
        }
        if ((Boolean) role[2]) {
            problems.add(name + " has REPLICATION (it can bypass triggers)");
        }
        if ((Boolean) role[3]) {
            problems.add(name + " has BYPASSRLS");
        }
        if ((Boolean) role[4]) {
            problems.add(name + " has CREATEROLE (it can grant itself what it lacks)");
        }
        for (String table : PROTECTED_TABLES) {
            Boolean owns = jdbc.sql("""
                    select pg_has_role(current_user, c.relowner, 'USAGE')
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relname = :table""")
                    .param("table", table).query(Boolean.class).optional().orElse(false);
            if (owns) {
                problems.add(name + " owns " + table + " (or is a member of its owner)");
            }
        }
        return problems;
    }
}
