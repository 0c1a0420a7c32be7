package org.townhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The early start of the embedded PostgreSQL happens exactly when the embedded database configuration will want it. */
class StartDatabaseEarlyTest {

    @Test
    void theDefaultProfileStartsItsDataDirectoryEarly() {
        MockEnvironment environment = new MockEnvironment().withProperty("townhall.embedded-database.data-dir", "./data/postgres");

        assertThat(StartDatabaseEarly.directoryToStart(environment)).contains(Path.of("./data/postgres"));
    }

    @Test
    void productionStartsNoEmbeddedDatabase() {
        MockEnvironment environment = new MockEnvironment().withProperty("townhall.embedded-database.data-dir", "./data/postgres");
        environment.setActiveProfiles("production");

        assertThat(StartDatabaseEarly.directoryToStart(environment)).isEmpty();
    }

    @Test
    void switchingTheEmbeddedDatabaseOffStartsNothing() {
        MockEnvironment environment = new MockEnvironment().withProperty("townhall.embedded-database.data-dir", "./data/postgres")
                .withProperty("townhall.embedded-database.enabled", "false");

        assertThat(StartDatabaseEarly.directoryToStart(environment)).isEmpty();
    }
}
