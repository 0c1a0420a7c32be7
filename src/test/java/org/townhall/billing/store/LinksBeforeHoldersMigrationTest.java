package org.townhall.billing.store;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.platform.PublicReferences;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

/**
 * Residents linked under the old one-resident rule keep what they had: their council tax and rent
 * accounts become theirs as active holders, their PCNs stay saved, and the columns that let the
 * first to link own a record are gone.
 */
@TownhallTest
class LinksBeforeHoldersMigrationTest {

    @Autowired TenantDatesOfBirthSealed migration;
    @Autowired EmbeddedServer server;

    @Test
    void existingLinksBecomeActiveHoldersAndSavedPcns() {
        String database = "holders_" + PublicReferences.next().toLowerCase().replaceAll("[^a-z0-9]", "");
        AsRole.superuser(server).sql("create database " + database + " owner " + DatabaseRoles.OWNER.roleName()).update();
        DataSource upgrading = server.dataSource(DatabaseRoles.OWNER, database);
        Flyway.configure().dataSource(upgrading).locations("classpath:db/migration").javaMigrations(migration).target("18").load()
                .migrate();
        JdbcClient old = JdbcClient.create(upgrading);
        old.sql("""
                insert into council_tax_account (public_ref, account_number, property_address, postcode, band, year_starts_on,
                    annual_charge_pence, instalments, first_due_on, resident_ref)
                values ('CT-HELD', '41000001', '2 Old Road, Eastbridge', 'EB11AA', 'C', date '2025-04-01', 150000, 10,
                        date '2025-04-01', 'resident-ben'),
                       ('CT-FREE', '41000002', '4 Old Road, Eastbridge', 'EB11AA', 'C', date '2025-04-01', 150000, 10,
                        date '2025-04-01', null)""").update();
        old.sql("""
                insert into rent_account (public_ref, tenancy_ref, property_address, tenant_born_on_sealed, weekly_rent_pence,
                    tenancy_starts_on, resident_ref)
                values ('RENT-HELD', 'T4100001', 'Flat 2, Old House', 'v1:sealed', 12000, date '2024-04-01', 'resident-ben')""")
                .update();
        old.sql("""
                insert into pcn (public_ref, pcn_number, vrm, contravention, location, observed_at, officer_number, charge_pence,
                    served_on, status, resident_ref)
                values ('PCN-HELD', 'EB41000001A', 'AB12CDE', '12', 'Old Road', now(), 'CEO 1', 16000, current_date, 'OPEN',
                        'resident-ben')""").update();

        Flyway.configure().dataSource(upgrading).locations("classpath:db/migration").javaMigrations(migration).load().migrate();

        assertThat(old.sql("""
                select a.public_ref || ' ' || h.resident_ref || ' ' || h.status from billing_holder h
                left join council_tax_account a on a.id = h.council_tax_id order by h.id""").query(String.class).list())
                .containsExactly("CT-HELD resident-ben ACTIVE", null);
        assertThat(old.sql("""
                select r.public_ref || ' ' || h.status || ' ' || r.correspondence_address from billing_holder h
                join rent_account r on r.id = h.rent_id""").query(String.class).single())
                .isEqualTo("RENT-HELD ACTIVE Flat 2, Old House");
        assertThat(old.sql("select public_ref from billing_holder").query(String.class).list())
                .allSatisfy(ref -> assertThat(ref).matches("[A-Za-z0-9_-]{40,}"));
        assertThat(old.sql("select p.public_ref || ' ' || s.resident_ref from pcn_saved s join pcn p on p.id = s.pcn_id")
                .query(String.class).single()).isEqualTo("PCN-HELD resident-ben");
        assertThat(old.sql("""
                select count(*) from information_schema.columns where column_name = 'resident_ref'
                and table_name in ('council_tax_account', 'rent_account', 'pcn')""").query(Long.class).single()).isZero();
    }
}
