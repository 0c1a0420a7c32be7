package org.townhall.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * The default profile's database: a real PostgreSQL that Townhall starts itself, with its data
 * in a directory that survives restarts (ADR 0003). Flyway migrates as the owner role; everything
 * else connects as the application role, which cannot change or empty the audit trail or the
 * ledger (ADR 0022). Production sets spring.datasource.* and spring.flyway.* instead and this
 * configuration stays off.
 *
 * <p>One server per data directory per JVM: test contexts that share a directory share a server.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!production")
@ConditionalOnProperty(name = "townhall.embedded-database.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    private static final Map<Path, EmbeddedServer> SERVERS = new ConcurrentHashMap<>();

    /** Shared by every context on this data directory, so closing one context must not stop it (no inferred close). */
    @Bean(destroyMethod = "")
    EmbeddedServer embeddedServer(@Value("${townhall.embedded-database.data-dir}") Path dataDir,
                                  @Value("${townhall.keys.local-dir:./data/keys}") Path keyDir,
                                  @Value("${townhall.embedded-database.clean:false}") boolean clean) {
        return SERVERS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> start(dir, keyDir, clean));
    }

    @Bean
    @Primary
    DataSource dataSource(EmbeddedServer server,
                          @Value("${spring.datasource.hikari.maximum-pool-size:10}") int connections,
                          @Value("${spring.datasource.hikari.connection-timeout:5000}") long connectionWaitMillis) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(server.jdbcUrl(DatabaseRoles.DATABASE));
        pool.setUsername(DatabaseRoles.APPLICATION.roleName());
        pool.setPassword(server.password(DatabaseRoles.APPLICATION));
        pool.setMaximumPoolSize(connections);
        // As in production (application.yml): a request waits at most this long for a connection,
        // then the shield answers 503 with Retry-After instead of leaving the resident hanging.
        pool.setConnectionTimeout(connectionWaitMillis);
        pool.setPoolName("townhall-embedded");
        return pool;
    }

    /** Migrations only: the owner of every table, used by Flyway at start and by nothing else. */
    @Bean
    @FlywayDataSource
    DataSource ownerDataSource(EmbeddedServer server) {
        return server.dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE);
    }

    private static void stop(EmbeddedServer server, Path dir) {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dir, e.getMessage());
        }
    }

    private static EmbeddedServer start(Path dir, Path keyDir, boolean clean) {
        long started = System.nanoTime();
        EmbeddedServer server = EmbeddedServer.start(dir, keyDir, clean);
        SpringApplication.getShutdownHandlers().add(() -> stop(server, dir));
        log.info("Embedded PostgreSQL on port {} with data in {} (started in {} ms)",
                server.port(), dir, (System.nanoTime() - started) / 1_000_000);
        return server;
    }
}
