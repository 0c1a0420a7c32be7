package org.townhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded default as a council would run it: durable, and only for those with a password. */
class EmbeddedServerTest {

    @TempDir static Path dir;
    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start(dir.resolve("postgres"), dir.resolve("keys"), false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void keepsEveryAcknowledgedCommitThroughACrash() {
        JdbcClient jdbc = JdbcClient.create(server.dataSource(DatabaseRoles.APPLICATION, DatabaseRoles.DATABASE));
        assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
    }

    @Test
    void refusesAConnectionWithoutAPassword() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres") + "?user=postgres").close())
                .hasMessageContaining("password");
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(DatabaseRoles.DATABASE),
                DatabaseRoles.APPLICATION.roleName(), "guessed").close())
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void keepsEachRolesGeneratedPasswordInTheKeyDirectoryForOnlyItsOwner() throws Exception {
        Path file = dir.resolve("keys").resolve("database-application.password");
        assertThat(Files.readString(file).trim()).isEqualTo(server.password(DatabaseRoles.APPLICATION)).hasSize(48);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void startsAgainOnItsOwnDataOnceTrustIsGone() throws Exception {
        Path data = dir.resolve("restarted");
        EmbeddedServer first = EmbeddedServer.start(data, dir.resolve("keys"), false);
        JdbcClient.create(first.dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE)).sql("create table kept (id int)").update();
        first.close();

        EmbeddedServer second = EmbeddedServer.start(data, dir.resolve("keys"), false);
        try {
            assertThat(JdbcClient.create(second.dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE))
                    .sql("select count(*) from kept").query(Long.class).single()).isZero();
            assertThat(Files.readAllLines(data.resolve("pg_hba.conf"))).filteredOn(line -> !line.startsWith("#"))
                    .noneMatch(line -> line.contains("trust")).anyMatch(line -> line.endsWith("scram-sha-256"));
        } finally {
            second.close();
        }
    }

    @Test
    void theApplicationRoleIsNoSuperuser() {
        JdbcClient jdbc = JdbcClient.create(server.dataSource(DatabaseRoles.APPLICATION, DatabaseRoles.DATABASE));
        assertThat(jdbc.sql("select rolsuper or rolreplication or rolbypassrls or rolcreatedb from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void takesOverADataDirectoryMadeBeforeTownhallHadItsOwnRoles() throws Exception {
        Path data = dir.resolve("older");
        // As Townhall used to leave it: its tables in the superuser's database, every local connection trusted.
        try (EmbeddedPostgres older = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start()) {
            JdbcClient superuser = JdbcClient.create(older.getPostgresDatabase());
            superuser.sql("create table flyway_schema_history (installed_rank int primary key)").update();
            superuser.sql("create table resident (id bigserial primary key, name text not null)").update();
            superuser.sql("insert into resident (name) values ('kept')").update();
            superuser.sql("create function refuse_change() returns trigger language plpgsql as $$ begin return null; end $$").update();
        }

        EmbeddedServer upgraded = EmbeddedServer.start(data, dir.resolve("keys"), false);
        try {
            JdbcClient owner = JdbcClient.create(upgraded.dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE));
            owner.sql("insert into resident (name) values ('added')").update();
            assertThat(owner.sql("select name from resident order by id").query(String.class).list()).containsExactly("kept", "added");
            assertThat(owner.sql("""
                    select distinct pg_get_userbyid(c.relowner) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public'""").query(String.class).list()).containsExactly(DatabaseRoles.OWNER.roleName());
            assertThat(owner.sql("select pg_get_userbyid(proowner) from pg_proc where proname = 'refuse_change'")
                    .query(String.class).single()).isEqualTo(DatabaseRoles.OWNER.roleName());
            assertThat(JdbcClient.create(upgraded.dataSource(DatabaseRoles.SUPERUSER, "postgres"))
                    .sql("select count(*) from pg_tables where schemaname = 'public'").query(Long.class).single())
                    .as("the superuser's own database is empty again").isZero();
            assertThat(Files.readAllLines(data.resolve("pg_hba.conf"))).filteredOn(line -> !line.startsWith("#"))
                    .noneMatch(line -> line.contains("trust"));
        } finally {
            upgraded.close();
        }
    }
}
