package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Every pooled database connection busy (a slow query, a flood the limits let through): a
 * resident's request waits for a connection only as long as the pool allows, then gets the busy
 * page with 503 and Retry-After, and the next request once a connection is free works as before.
 */
@TownhallTest
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.connection-timeout=500"})
class DatabaseBusyTest {

    @LocalServerPort int port;
    @Autowired DataSource dataSource;
    @Autowired AccountFixtures accounts;

    @Test
    void aRequestThatCannotGetAConnectionInTimeIsAskedToComeBackNotLeftHanging() throws Exception {
        accounts.clearSignInThrottles();
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        assertThat(resident.get("/account").status()).isEqualTo(200);

        List<Connection> held = new ArrayList<>();
        Visitor.Page busy;
        try {
            for (int i = 0; i < 4; i++) {
                held.add(dataSource.getConnection());
            }
            // The resident's session is in the database: reading it needs a connection.
            busy = resident.get("/account");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isNotBlank();
        assertThat(busy.body()).contains("busy").doesNotContain("Exception").doesNotContain("SQL");

        assertThat(resident.get("/account").status()).as("signed in still, once a connection is free").isEqualTo(200);
    }
}
