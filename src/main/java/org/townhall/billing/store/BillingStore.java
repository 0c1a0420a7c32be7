package org.townhall.billing.store;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.platform.AttemptWindows;

/** Council tax and rent accounts, and the counts of attempts to link them. */
@Repository
public class BillingStore {

    private final JdbcClient jdbc;
    private final AttemptWindows linkAttempts;
    private final TenantDatesOfBirth datesOfBirth;

    public BillingStore(JdbcClient jdbc, TenantDatesOfBirth datesOfBirth) {
        this.jdbc = jdbc;
        this.datesOfBirth = datesOfBirth;
        this.linkAttempts = new AttemptWindows(jdbc, "billing_link_window");
    }

    public AttemptWindows linkAttempts() {
        return linkAttempts;
    }

    public record CouncilTaxRow(long id, String ref, String accountNumber, String propertyAddress, String postcode, String band,
                                LocalDate yearStartsOn, long annualChargePence, int instalments, LocalDate firstDueOn,
                                boolean demo) {
    }

    /**
     * A rent account; the tenant's date of birth only sealed (TenantDatesOfBirth opens it to
     * compare). The correspondence postcode may be missing on tenancies loaded without one.
     */
    public record RentRow(long id, String ref, String tenancyRef, String propertyAddress, String sealedBornOn,
                          long weeklyRentPence, LocalDate tenancyStartsOn, String correspondenceAddress,
                          String correspondencePostcode, boolean demo) {
    }

    public long addCouncilTax(String ref, String accountNumber, String address, String postcode, String band, LocalDate yearStartsOn,
                              long annualChargePence, int instalments, LocalDate firstDueOn, boolean demo) {
        return jdbc.sql("""
                insert into council_tax_account (public_ref, account_number, property_address, postcode, band, year_starts_on,
                    annual_charge_pence, instalments, first_due_on, demo)
                values (:ref, :number, :address, :postcode, :band, :year, :charge, :instalments, :first, :demo)
                returning id""")
                .param("ref", ref).param("number", accountNumber).param("address", address).param("postcode", postcode)
                .param("band", band).param("year", Date.valueOf(yearStartsOn)).param("charge", annualChargePence)
                .param("instalments", instalments).param("first", Date.valueOf(firstDueOn))
                .param("demo", demo).query(Long.class).single();
    }

    /** A tenancy whose letters go to the property itself, as most do. */
    public long addRent(String ref, String tenancyRef, String address, String postcode, LocalDate bornOn, long weeklyPence,
                        LocalDate startsOn, boolean demo) {
        return jdbc.sql("""
                insert into rent_account (public_ref, tenancy_ref, property_address, tenant_born_on_sealed, weekly_rent_pence,
                    tenancy_starts_on, correspondence_address, correspondence_postcode, demo)
                values (:ref, :tenancy, :address, :born, :weekly, :starts, :address, :postcode, :demo) returning id""")
                .param("ref", ref).param("tenancy", tenancyRef).param("address", address).param("born", datesOfBirth.seal(bornOn, ref))
                .param("weekly", weeklyPence).param("starts", Date.valueOf(startsOn)).param("postcode", postcode)
                .param("demo", demo).query(Long.class).single();
    }

    public Optional<CouncilTaxRow> councilTaxByNumber(String accountNumber) {
        return jdbc.sql("select * from council_tax_account where account_number = :n").param("n", accountNumber)
                .query(BillingStore::councilTax).optional();
    }

    public Optional<CouncilTaxRow> councilTaxByRef(String ref) {
        return jdbc.sql("select * from council_tax_account where public_ref = :r").param("r", ref)
                .query(BillingStore::councilTax).optional();
    }

    public Optional<CouncilTaxRow> councilTaxById(long id) {
        return jdbc.sql("select * from council_tax_account where id = :id").param("id", id).query(BillingStore::councilTax).optional();
    }

    /** The council tax accounts this resident actively holds. */
    public List<CouncilTaxRow> councilTaxOf(String residentRef) {
        return jdbc.sql("""
                select a.* from council_tax_account a join billing_holder h on h.council_tax_id = a.id
                where h.resident_ref = :r and h.status = 'ACTIVE' order by a.id""").param("r", residentRef)
                .query(BillingStore::councilTax).list();
    }

    public Optional<RentRow> rentByTenancy(String tenancyRef) {
        return jdbc.sql("select * from rent_account where tenancy_ref = :t").param("t", tenancyRef).query(BillingStore::rent).optional();
    }

    public Optional<RentRow> rentByRef(String ref) {
        return jdbc.sql("select * from rent_account where public_ref = :r").param("r", ref).query(BillingStore::rent).optional();
    }

    public Optional<RentRow> rentById(long id) {
        return jdbc.sql("select * from rent_account where id = :id").param("id", id).query(BillingStore::rent).optional();
    }

    /** The rent accounts this resident actively holds. */
    public List<RentRow> rentOf(String residentRef) {
        return jdbc.sql("""
                select a.* from rent_account a join billing_holder h on h.rent_id = a.id
                where h.resident_ref = :r and h.status = 'ACTIVE' order by a.id""").param("r", residentRef)
                .query(BillingStore::rent).list();
    }

    public List<RentRow> allRent() {
        return jdbc.sql("select * from rent_account order by id").query(BillingStore::rent).list();
    }

    public List<CouncilTaxRow> allCouncilTax() {
        return jdbc.sql("select * from council_tax_account order by id").query(BillingStore::councilTax).list();
    }

    public void lockCouncilTax(long id) {
        jdbc.sql("select id from council_tax_account where id = :id for update").param("id", id).query(Long.class).single();
    }

    public record ExtensionRow(LocalDate windowStart, LocalDate windowEnd, LocalDate coversUntil, int days) {
    }

    public List<ExtensionRow> extensionsOf(long accountId) {
        return jdbc.sql("select window_start, window_end, covers_until, days from council_tax_extension where account_id = :a")
                .param("a", accountId).query((rs, n) -> extension(rs)).list();
    }

    /** Every account's extensions, by account id: few rows, as only outages make them. */
    public Map<Long, List<ExtensionRow>> allExtensions() {
        Map<Long, List<ExtensionRow>> byAccount = new HashMap<>();
        jdbc.sql("select account_id, window_start, window_end, covers_until, days from council_tax_extension")
                .query((RowCallbackHandler) rs -> byAccount.computeIfAbsent(rs.getLong("account_id"), id -> new ArrayList<>())
                        .add(extension(rs)));
        return byAccount;
    }

    private static ExtensionRow extension(ResultSet rs) throws SQLException {
        return new ExtensionRow(rs.getDate("window_start").toLocalDate(), rs.getDate("window_end").toLocalDate(),
                rs.getDate("covers_until").toLocalDate(), rs.getInt("days"));
    }

    /** Once per account and outage; false if this outage already extended the account. */
    public boolean addExtension(long accountId, String outageRef, LocalDate windowStart, LocalDate windowEnd, LocalDate coversUntil,
                                int days, java.time.Instant now) {
        return jdbc.sql("""
                insert into council_tax_extension (account_id, outage_ref, window_start, window_end, covers_until, days, created_at)
                values (:a, :o, :s, :e, :u, :d, :now) on conflict (account_id, outage_ref) do nothing""")
                .param("a", accountId).param("o", outageRef).param("s", Date.valueOf(windowStart)).param("e", Date.valueOf(windowEnd))
                .param("u", Date.valueOf(coversUntil)).param("d", days).param("now", java.sql.Timestamp.from(now)).update() == 1;
    }

    private static CouncilTaxRow councilTax(ResultSet rs, int n) throws SQLException {
        return new CouncilTaxRow(rs.getLong("id"), rs.getString("public_ref"), rs.getString("account_number"),
                rs.getString("property_address"), rs.getString("postcode"), rs.getString("band"),
                rs.getDate("year_starts_on").toLocalDate(), rs.getLong("annual_charge_pence"), rs.getInt("instalments"),
                rs.getDate("first_due_on").toLocalDate(), rs.getBoolean("demo"));
    }

    private static RentRow rent(ResultSet rs, int n) throws SQLException {
        return new RentRow(rs.getLong("id"), rs.getString("public_ref"), rs.getString("tenancy_ref"),
                rs.getString("property_address"), rs.getString("tenant_born_on_sealed"), rs.getLong("weekly_rent_pence"),
                rs.getDate("tenancy_starts_on").toLocalDate(), rs.getString("correspondence_address"),
                rs.getString("correspondence_postcode"), rs.getBoolean("demo"));
    }
}
