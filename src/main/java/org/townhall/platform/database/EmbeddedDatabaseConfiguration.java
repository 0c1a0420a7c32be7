package org.townhall.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.SpringProperties;

/**
 * The default profile's database: a real PostgreSQL that Townhall starts itself, with its data
 * in a directory that survives restarts (ADR 0003). Production sets spring.datasource.* instead
 * and this configuration stays off.
 *
 * <p>One server per data directory per JVM, usually already starting by the time this runs
 * ({@link EmbeddedServers}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!production")
@ConditionalOnProperty(name = "townhall.embedded-database.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    @Bean
    DataSource dataSource(@Value("${townhall.embedded-database.data-dir}") Path dataDir,
                          @Value("${townhall.embedded-database.clean:false}") boolean clean,
                          @Value("${spring.datasource.hikari.maximum-pool-size:10}") int connections,
                          @Value("${spring.datasource.hikari.connection-timeout:5000}") long connectionWaitMillis) {
        EmbeddedPostgres server = EmbeddedServers.server(dataDir, clean);
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
