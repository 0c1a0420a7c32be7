package org.townhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.platform.PublicReferences;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

/**
 * An installation already migrated past a module's migration that landed later (backup's V39,
 * written before V44–V49 but landed after them) starts, and gets that migration, instead of
 * refusing to start.
 */
@TownhallTest
class MigrationsOutOfOrderTest {

    @Autowired Flyway townhallsFlyway;
    @Autowired EmbeddedServer server;

    @Test
    void aMigrationThatLandedAfterNewerOnesIsAppliedOnTheNextStart() {
        String database = "order_" + PublicReferences.next().toLowerCase().replaceAll("[^a-z0-9]", "");
        AsRole.superuser(server).sql("create database " + database + " owner " + DatabaseRoles.OWNER.roleName()).update();
        DataSource upgrading = server.dataSource(DatabaseRoles.OWNER, database);
        Flyway flyway = Flyway.configure().configuration(townhallsFlyway.getConfiguration()).dataSource(upgrading).load();
        flyway.migrate();
        JdbcClient owner = JdbcClient.create(upgrading);
        // As an installation that ran everything up to V49 before backup's V39 existed would be.
        owner.sql("drop table backup_history").update();
        owner.sql("delete from flyway_schema_history where version = '39'").update();

        flyway.migrate();

        assertThat(owner.sql("select to_regclass('backup_history') is not null").query(Boolean.class).single()).isTrue();
        assertThat(owner.sql("select success from flyway_schema_history where version = '39'").query(Boolean.class).single()).isTrue();
    }
}
