package org.townhall.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The default profile's database: a real PostgreSQL that Townhall starts itself, with its data
 * in a directory that survives restarts (ADR 0003). Production sets spring.datasource.* instead
 * and this configuration stays off.
 *
 * <p>One server per data directory per JVM: test contexts that share a directory share a server.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!production")
@ConditionalOnProperty(name = "townhall.embedded-database.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    private static final Map<Path, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();

    @Bean
    DataSource dataSource(@Value("${townhall.embedded-database.data-dir}") Path dataDir,
                          @Value("${townhall.embedded-database.clean:false}") boolean clean,
                          @Value("${spring.datasource.hikari.maximum-pool-size:10}") int connections,
                          @Value("${spring.datasource.hikari.connection-timeout:5000}") long connectionWaitMillis) {
        EmbeddedPostgres server = SERVERS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> start(dir, clean));
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(connections);
        // As in production (application.yml): a request waits at most this long for a connection,
        // then the shield answers 503 with Retry-After instead of leaving the resident hanging.
        pool.setConnectionTimeout(connectionWaitMillis);
        pool.setPoolName("townhall-embedded");
        return pool;
    }

    private static void stop(EmbeddedPostgres server, Path dir) {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dir, e.getMessage());
        }
    }

    private static EmbeddedPostgres start(Path dir, boolean clean) {
        try {
            Files.createDirectories(dir);
            long started = System.nanoTime();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    // Each application context in a test JVM keeps its own pool of ten connections.
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    // Stopped after every application context in this JVM has closed (their event
                    // registries still write on the way down), not by a hook racing them.
                    .setRegisterShutdownHook(false)
                    .start();
            SpringApplication.getShutdownHandlers().add(() -> stop(server, dir));
            log.info("Embedded PostgreSQL on port {} with data in {} (started in {} ms)",
                    server.getPort(), dir, (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }
}
