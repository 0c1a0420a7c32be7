package org.townhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void theApplicationRoleIsNoSuperuser() {
        JdbcClient jdbc = JdbcClient.create(server.dataSource(DatabaseRoles.APPLICATION, DatabaseRoles.DATABASE));
        assertThat(jdbc.sql("select rolsuper or rolreplication or rolbypassrls or rolcreatedb from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
    }
}
