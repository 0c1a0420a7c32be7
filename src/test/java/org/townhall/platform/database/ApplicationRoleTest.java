package org.townhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.townhall.platform.StartRefused;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

/**
 * What Townhall connects as cannot rewrite history, whatever code runs through it: the refusals
 * come from PostgreSQL's privileges, before any trigger is asked.
 */
@TownhallTest
class ApplicationRoleTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired EmbeddedServer server;

    private void refused(String sql) {
        assertThatThrownBy(() -> jdbc.execute(sql))
                .rootCause().isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isIn("42501", "55000"))
                .message().doesNotContain("append-only");
    }

    @ParameterizedTest
    @CsvSource({"audit_event, detail", "journal_entry, description", "journal_line, account"})
    void cannotUpdateDeleteOrTruncateWhatIsAppendOnly(String table, String column) {
        refused("update " + table + " set " + column + " = " + column);
        refused("delete from " + table);
        refused("truncate " + table);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit_event", "journal_entry", "journal_line", "payment"})
    void cannotAlterTablesOrSwitchOffTheirTriggers(String table) {
        refused("alter table " + table + " add column smuggled text");
        refused("alter table " + table + " disable trigger all");
        refused("drop table " + table);
    }

    @Test
    void cannotDeleteAPaymentOrRewriteTheMigrationHistory() {
        refused("delete from payment");
        refused("delete from flyway_schema_history");
        refused("update flyway_schema_history set checksum = 0");
    }

    @Test
    void cannotTurnTriggersOffForItsSession() {
        refused("set session_replication_role = replica");
    }

    @Test
    void cannotCreateRolesDatabasesOrFunctionsOfItsOwn() {
        refused("create role accomplice login superuser");
        refused("create database copy_of_townhall");
        refused("create table elsewhere (id int)");
    }

    @Test
    void canStillReadAndAddToTheAuditTrail() {
        assertThat(jdbc.queryForObject("select has_table_privilege('audit_event', 'INSERT')", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) >= 0 from audit_event", Boolean.class)).isTrue();
    }

    @Test
    void theApplicationRolePassesTheProductionCheck() {
        assertThat(ApplicationRoleCheck.problems(JdbcClient.create(jdbc))).isEmpty();
    }

    @Test
    void theProductionCheckNamesASuperuser() {
        assertThat(ApplicationRoleCheck.problems(AsRole.superuser(server)))
                .contains("postgres is a superuser", "postgres has REPLICATION (it can bypass triggers)",
                        "postgres has BYPASSRLS");
    }

    @Test
    void theProductionCheckNamesTheOwnerOfTheAuditTrailAndLedger() {
        assertThat(ApplicationRoleCheck.problems(AsRole.owner(server)))
                .contains("townhall_owner owns audit_event (or is a member of its owner)",
                        "townhall_owner owns journal_entry (or is a member of its owner)")
                .noneMatch(problem -> problem.contains("superuser"));
    }

    @Test
    void productionRefusesToStartAsTheOwnerAndSaysWhy() {
        assertThatThrownBy(() -> new ApplicationRoleCheck(server.dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE),
                new StaticListableBeanFactory().getBeanProvider(FlywayMigrationInitializer.class)))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("townhall_owner owns audit_event")
                .hasMessageContaining("townhall_owner owns journal_line");
    }

    @Test
    void productionStartsAsTheApplicationRole() {
        new ApplicationRoleCheck(server.dataSource(DatabaseRoles.APPLICATION, DatabaseRoles.DATABASE),
                new StaticListableBeanFactory().getBeanProvider(FlywayMigrationInitializer.class));
    }
}
