package org.townhall.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the default profile, started as durable as production and locked
 * down like it: only password (SCRAM) connections, an owner role for migrations and a separate
 * application role, each password generated once into the local key directory.
 */
public final class EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

    /**
     * Password connections only, from this machine only. The library's initdb trusts every local
     * connection; that line is gone from the first start on, so anyone who can reach the port
     * still needs a role's password.
     */
    static final String HOST_BASED_ACCESS = """
            # Written by Townhall at every start: password (SCRAM) connections only, never trust.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private final EmbeddedPostgres server;
    private final Map<DatabaseRoles, String> passwords;

    private EmbeddedServer(EmbeddedPostgres server, Map<DatabaseRoles, String> passwords) {
        this.server = server;
        this.passwords = passwords;
    }

    /**
     * A durable server keeps every commit it has acknowledged: fsync on, and synchronous commit on
     * (the library turns it off by default, which loses the last commits in a crash: a payment a
     * resident was told had succeeded). Throwaway test servers trade that for speed.
     */
    static Map<String, String> settings(boolean durable) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Each application context in a test JVM keeps its own pool of ten connections.
        settings.put("max_connections", "200");
        settings.put("fsync", durable ? "on" : "off");
        settings.put("synchronous_commit", durable ? "on" : "off");
        settings.put("full_page_writes", durable ? "on" : "off");
        settings.put("password_encryption", "scram-sha-256");
        return settings;
    }

    public static EmbeddedServer start(Path dataDir, Path keyDir, boolean clean) {
        try {
            Files.createDirectories(dataDir);
            Map<DatabaseRoles, String> passwords = new EnumMap<>(DatabaseRoles.class);
            for (DatabaseRoles role : DatabaseRoles.values()) {
                passwords.put(role, password(keyDir, role));
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    // Used by the library's own readiness check; ignored while a fresh server still trusts.
                    .setConnectConfig("password", passwords.get(DatabaseRoles.SUPERUSER))
                    // Stopped after every application context in this JVM has closed (their event
                    // registries still write on the way down), not by a hook racing them.
                    .setRegisterShutdownHook(false);
            settings(!clean).forEach(builder::setServerConfig);
            EmbeddedServer started = new EmbeddedServer(builder.start(), passwords);
            started.lockDown(dataDir);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the embedded PostgreSQL's roles in " + dataDir, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String password(DatabaseRoles role) {
        return passwords.get(role);
    }

    /** A connection source for one role in one database (no pool: for migrations, checks and tests). */
    public DataSource dataSource(DatabaseRoles role, String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {port()});
        source.setDatabaseName(database);
        source.setUser(role.roleName());
        source.setPassword(password(role));
        return source;
    }

    public void close() throws IOException {
        server.close();
    }

    private void lockDown(Path dataDir) throws SQLException, IOException {
        boolean tablesInPostgres;
        try (Connection c = dataSource(DatabaseRoles.SUPERUSER, "postgres").getConnection(); Statement s = c.createStatement()) {
            // Works on a server that still trusts (first start, or one made before Townhall had
            // its own roles): the password is ignored until pg_hba.conf below asks for it.
            s.execute("alter role postgres password '" + password(DatabaseRoles.SUPERUSER) + "'");
            for (DatabaseRoles role : new DatabaseRoles[] {DatabaseRoles.OWNER, DatabaseRoles.APPLICATION}) {
                if (!exists(s, "select 1 from pg_roles where rolname = '" + role.roleName() + "'")) {
                    s.execute("create role " + role.roleName());
                }
                // Every start puts the attributes back, so a role altered by hand is corrected.
                s.execute("alter role " + role.roleName() + " login password '" + password(role)
                        + "' nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit");
            }
            boolean townhallExists = exists(s, "select 1 from pg_database where datname = '" + DatabaseRoles.DATABASE + "'");
            tablesInPostgres = !townhallExists && exists(s,
                    "select 1 from pg_tables where schemaname = 'public' and tablename = 'flyway_schema_history'");
            if (!townhallExists && !tablesInPostgres) {
                s.execute("create database " + DatabaseRoles.DATABASE + " owner " + DatabaseRoles.OWNER.roleName());
            }
            Files.writeString(dataDir.resolve("pg_hba.conf"), HOST_BASED_ACCESS);
            s.execute("select pg_reload_conf()");
        }
        if (tablesInPostgres) {
            OlderDataDirectory.handOverToTheOwner(this, dataDir);
        }
        try (Connection c = dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE).getConnection(); Statement s = c.createStatement()) {
            for (String statement : DatabaseRoles.DATABASE_PRIVILEGES) {
                s.execute(statement);
            }
        }
    }

    static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            return rows.next();
        }
    }

    private static String password(Path keyDir, DatabaseRoles role) throws IOException {
        Path file = keyDir.resolve(role.passwordFile());
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(keyDir);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        // Hexadecimal: safe to place inside a quoted SQL literal.
        String password = HexFormat.of().formatHex(random);
        Files.writeString(file, password);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file stays under the user's own profile directory.
        }
        log.warn("Created the password of the embedded database's {} role in {}", role.roleName(), file.toAbsolutePath());
        return password;
    }
}
