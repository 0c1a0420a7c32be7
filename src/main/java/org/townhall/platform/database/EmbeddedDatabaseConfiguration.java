package org.townhall.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.core.SpringProperties;

/**
 * The default profile's database: a real PostgreSQL that Townhall starts itself, with its data
 * in a directory that survives restarts (ADR 0003). Flyway migrates as the owner role; everything
 * else connects as the application role, which cannot change or empty the audit trail or the
 * ledger (ADR 0022). Production sets spring.datasource.* and spring.flyway.* instead and this
 * configuration stays off.
 *
 * <p>One server per data directory per JVM, usually already starting by the time this runs
 * ({@link EmbeddedServers}, ADR 0024).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!production")
@ConditionalOnProperty(name = "townhall.embedded-database.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    static final String DEFAULT_KEY_DIR = "./data/keys";

    /** Shared by every context on this data directory, so closing one context must not stop it (no inferred close). */
    @Bean(destroyMethod = "")
    EmbeddedServer embeddedServer(@Value("${townhall.embedded-database.data-dir}") Path dataDir,
                                  @Value("${townhall.keys.local-dir:" + DEFAULT_KEY_DIR + "}") Path keyDir,
                                  @Value("${townhall.embedded-database.clean:false}") boolean clean) {
        return EmbeddedServers.server(dataDir, keyDir, clean);
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

    /**
     * A class-data training run ({@code spring.context.exit=onRefresh}) halts the JVM once the
     * application is built, without running shutdown handlers: stop PostgreSQL first, or the
     * training run leaves it running on the data directory.
     */
    @Bean
    static SmartInitializingSingleton stopDatabaseBeforeTrainingRunHalts() {
        return () -> {
            if ("onRefresh".equalsIgnoreCase(SpringProperties.getProperty("spring.context.exit"))) {
                EmbeddedServers.stopAll();
            }
        };
    }
}
