package org.townhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.TownhallApplication;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.ResidentEmail;
import org.townhall.support.Visitor;

/**
 * The README's production advice, done: on a PostgreSQL of the council's own (here one started for
 * this test, as a superuser would find it), the statements of docs/database-roles.sql make the two
 * roles; Flyway migrates as the owner (spring.flyway.user) and Townhall, connected as a role that
 * owns nothing, is granted the rest by itself after the migrations. Townhall's own statements work
 * as that role; changing or emptying the audit trail and the ledger, or switching off their
 * triggers, is refused by PostgreSQL's privileges before any trigger is reached.
 */
class DatabaseRolesTest {

    private static final Path ROLES = Path.of("docs/database-roles.sql");
    @TempDir static Path dir;
    private static EmbeddedPostgres councils;
    private static String server;
    private static ConfigurableApplicationContext townhall;

    @BeforeAll
    static void startAsTheApplicationRole() throws Exception {
        councils = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
        server = "jdbc:postgresql://localhost:" + councils.getPort();
        try (Connection superuser = connect("postgres", "postgres")) {
            run(superuser, section(1));
        }
        try (Connection superuser = connect("townhall", "postgres")) {
            run(superuser, section(2));
        }
        townhall = new SpringApplicationBuilder(TownhallApplication.class).profiles("test").run("--server.port=0",
                "--townhall.embedded-database.enabled=false",
                "--spring.datasource.url=" + server + "/townhall",
                "--spring.datasource.username=townhall_app", "--spring.datasource.password=app-password",
                "--spring.flyway.user=townhall_owner", "--spring.flyway.password=owner-password",
                "--logging.level.root=warn");
    }

    @AfterAll
    static void stop() throws IOException {
        if (townhall != null) {
            townhall.close();
        }
        if (councils != null) {
            councils.close();
        }
    }

    private static Connection connect(String database, String user) throws SQLException {
        // This stand-in for the council's server trusts local connections, so the password is not
        // what is tested here: the role is (EmbeddedServerTest tests passwords).
        return DriverManager.getConnection(server + "/" + database, user, "any");
    }

    /** The statements of one numbered step of the file, with psql's variables and meta-commands taken out. */
    private static String[] section(int step) throws IOException {
        String text = Files.readString(ROLES);
        int from = text.indexOf("-- " + step + ". ");
        int to = text.indexOf("-- " + (step + 1) + ". ");
        int end = text.indexOf("\n-- There is", from);
        String body = text.substring(from, to >= 0 ? to : end >= 0 ? end : text.length()).lines()
                .filter(line -> !line.startsWith("--") && !line.startsWith("\\"))
                .map(line -> line.replace(":'owner_password'", "'owner-password'").replace(":'app_password'", "'app-password'"))
                .reduce("", (a, b) -> a + "\n" + b);
        return Arrays.stream(body.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static void run(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private JdbcClient asTheApplication() {
        return townhall.getBean(JdbcClient.class);
    }

    @Test
    void townhallConnectsAsARoleThatOwnsNothingWhileFlywayMigratedAsTheOwner() {
        assertThat(asTheApplication().sql("select current_user").query(String.class).single()).isEqualTo("townhall_app");
        assertThat(asTheApplication().sql("select distinct tableowner from pg_tables where schemaname = 'public'")
                .query(String.class).list()).containsExactly("townhall_owner");
        assertThat(asTheApplication().sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
                .isPositive();
    }

    @Test
    void townhallsOwnStatementsWorkAsTheApplicationRole() {
        AuditTrail audit = townhall.getBean(AuditTrail.class);
        audit.record(AuditEntry.of(AuditAction.OUTBOX_VIEWED, AuditOutcome.SUCCESS, Actor.staff("S-roles-test")));
        assertThat(asTheApplication().sql("select count(*) from audit_event where actor_ref = 'S-roles-test'")
                .query(Long.class).single()).isEqualTo(1);

        String reference = townhall.getBean(TransactionTemplate.class).execute(status -> townhall.getBean(Notifier.class)
                .sendEmail(new ResidentEmail.VerifyEmail("l"), "roles@example.com"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(asTheApplication()
                .sql("select status from notification_outbox where reference = :r").param("r", reference).query(String.class).single()));

        Visitor visitor = new Visitor(((WebServerApplicationContext) townhall).getWebServer().getPort());
        visitor.get("/sign-in");
        assertThat(visitor.post("/sign-in", "email", "nobody@example.com", "password", "wrong password").status())
                .as("a failed sign-in: session, throttle and audit rows").isLessThan(500);
        assertThat(asTheApplication().sql("select count(*) from audit_event where action = 'SIGN_IN_FAILED'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void theAuditTrailAndTheLedgerCannotBeChangedEmptiedOrUnprotectedByTheApplicationRole() {
        townhall.getBean(AuditTrail.class).record(AuditEntry.of(AuditAction.OUTBOX_VIEWED, AuditOutcome.SUCCESS, Actor.system()));
        for (String refused : List.of("update audit_event set detail = 'rewritten'", "delete from audit_event",
                "truncate audit_event", "update journal_line set amount_pence = 1", "delete from journal_entry",
                "truncate journal_line", "delete from payment")) {
            assertThatThrownBy(() -> asTheApplication().sql(refused).update()).as(refused)
                    .rootCause().hasMessageContaining("permission denied");
        }
        for (String refused : List.of("alter table audit_event disable trigger audit_event_no_update_or_delete",
                "drop trigger audit_event_no_truncate on audit_event", "alter table journal_line disable trigger all",
                "drop table audit_event")) {
            assertThatThrownBy(() -> asTheApplication().sql(refused).update()).as(refused)
                    .rootCause().hasMessageContaining("must be owner");
        }
        assertThat(asTheApplication().sql("select count(*) from audit_event").query(Long.class).single()).isPositive();
    }

    @Test
    void townhallGrantedTheApplicationRoleItsTablePrivilegesByItself() {
        assertThat(asTheApplication().sql("select has_table_privilege('audit_event', 'INSERT') and has_table_privilege('payment', 'UPDATE')")
                .query(Boolean.class).single()).isTrue();
        assertThat(ApplicationRoleCheck.problems(asTheApplication())).isEmpty();
    }

    @Test
    void theEmbeddedDefaultGivesTheApplicationRoleExactlyWhatProductionIsToldTo() throws IOException {
        assertThat(section(2)).containsExactlyElementsOf(DatabaseRoles.DATABASE_PRIVILEGES);
        assertThat(section(1)[0]).contains(DatabaseRoles.OWNER.roleName());
        assertThat(section(1)[1]).contains(DatabaseRoles.APPLICATION.roleName());
        assertThat(section(1)[2]).contains(DatabaseRoles.DATABASE);
    }

    @Test
    void theReadmeShowsTheStatementsThisTestRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (int step = 1; step <= 2; step++) {
            for (String statement : section(step)) {
                String firstLine = statement.lines().findFirst().orElseThrow().trim();
                assertThat(readme).as("README shows: " + firstLine).contains(firstLine.replace("'owner-password'", ":'owner_password'")
                        .replace("'app-password'", ":'app_password'"));
            }
        }
    }
}
