package org.townhall.billing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.billing.BillingFixtures;
import org.townhall.platform.PublicReferences;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

/** A tenant's date of birth is stored only sealed, including every one held before it was. */
@TownhallTest
class TenantDatesOfBirthTest {

    @Autowired BillingFixtures billing;
    @Autowired BillingStore store;
    @Autowired TenantDatesOfBirth dates;
    @Autowired TenantDatesOfBirthSealed migration;
    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedServer server;

    @Test
    void theDatabaseHoldsNoDateOfBirthAndOneMovedToAnotherAccountDoesNotOpen() {
        BillingFixtures.RentFixture tenant = billing.aRentAccount().build();
        BillingFixtures.RentFixture other = billing.aRentAccount().build();
        String sealed = jdbc.sql("select tenant_born_on_sealed from rent_account where public_ref = :r").param("r", tenant.ref())
                .query(String.class).single();

        assertThat(sealed).doesNotContain("1985").doesNotContain(tenant.bornOn().toString());
        BillingStore.RentRow row = store.rentByTenancy(tenant.tenancyRef()).orElseThrow();
        assertThat(dates.matches(row, tenant.bornOn())).isTrue();
        assertThat(dates.matches(row, tenant.bornOn().plusDays(1))).isFalse();
        assertThat(dates.matches(row, null)).isFalse();

        BillingStore.RentRow otherRow = store.rentByTenancy(other.tenancyRef()).orElseThrow();
        BillingStore.RentRow moved = new BillingStore.RentRow(otherRow.id(), otherRow.ref(), otherRow.tenancyRef(),
                otherRow.propertyAddress(), sealed, otherRow.weeklyRentPence(), otherRow.tenancyStartsOn(),
                otherRow.correspondenceAddress(), otherRow.correspondencePostcode(), otherRow.demo());
        assertThatThrownBy(() -> dates.matches(moved, tenant.bornOn())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void datesHeldInClearBeforeTheUpgradeAreSealedAndTheClearColumnIsGone() {
        String database = "upgrade_" + PublicReferences.next().toLowerCase().replaceAll("[^a-z0-9]", "");
        AsRole.superuser(server).sql("create database " + database + " owner " + DatabaseRoles.OWNER.roleName()).update();
        DataSource upgrading = server.dataSource(DatabaseRoles.OWNER, database);
        Flyway.configure().dataSource(upgrading).locations("classpath:db/migration").target("14").load().migrate();
        JdbcClient old = JdbcClient.create(upgrading);
        old.sql("""
                insert into rent_account (public_ref, tenancy_ref, property_address, tenant_born_on, weekly_rent_pence, tenancy_starts_on)
                values ('RENT-OLD-1', 'T4999999', 'Flat 9, Old House', date '1961-05-04', 12000, date '2020-04-06')""").update();

        Flyway.configure().dataSource(upgrading).locations("classpath:db/migration").javaMigrations(migration).load().migrate();

        assertThat(old.sql("select count(*) from information_schema.columns where table_name = 'rent_account' and column_name = 'tenant_born_on'")
                .query(Long.class).single()).isZero();
        String sealed = old.sql("select tenant_born_on_sealed from rent_account where public_ref = 'RENT-OLD-1'").query(String.class).single();
        assertThat(sealed).doesNotContain("1961");
        BillingStore.RentRow row = new BillingStore.RentRow(1, "RENT-OLD-1", "T4999999", "Flat 9, Old House", sealed, 12000,
                LocalDate.of(2020, 4, 6), "Flat 9, Old House", null, false);
        assertThat(dates.matches(row, LocalDate.of(1961, 5, 4))).isTrue();
    }
}
