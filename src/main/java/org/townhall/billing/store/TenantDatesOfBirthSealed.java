package org.townhall.billing.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 15: seals every tenant's date of birth held in clear (see V14). In Java because the
 * key is not in the database; Spring hands this bean to Flyway, so it runs in order between the
 * SQL migrations.
 */
@Component
class TenantDatesOfBirthSealed implements JavaMigration {

    private final TenantDatesOfBirth dates;

    TenantDatesOfBirthSealed(TenantDatesOfBirth dates) {
        this.dates = dates;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("15");
    }

    @Override
    public String getDescription() {
        return "tenant dates of birth sealed with the field key";
    }

    @Override
    public Integer getChecksum() {
        return 15;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        record Clear(long id, String ref, java.time.LocalDate bornOn) {
        }
        List<Clear> clear = new ArrayList<>();
        try (PreparedStatement select = context.getConnection().prepareStatement(
                "select id, public_ref, tenant_born_on from rent_account where tenant_born_on is not null");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                clear.add(new Clear(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate()));
            }
        }
        try (PreparedStatement update = context.getConnection().prepareStatement(
                "update rent_account set tenant_born_on_sealed = ?, tenant_born_on = null where id = ?")) {
            for (Clear row : clear) {
                update.setString(1, dates.seal(row.bornOn(), row.ref()));
                update.setLong(2, row.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
