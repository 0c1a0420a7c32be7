package org.townhall.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.townhall.audit.store.AuditEventStore;
import org.townhall.audit.store.HashChain;
import org.townhall.audit.store.StoredEvent;

/**
 * Loads a borough's worth of Townhall data into a running installation's database: residents,
 * council tax accounts with their bills, tenancies, PCNs, payments with their ledger entries (every
 * entry balanced), small evidence documents, and an audit trail over two years chained with the
 * installation's own key, so the real verification walks it. Everything but the audit trail is made
 * by PostgreSQL itself (generate_series); the trail is hashed here and sent with COPY.
 */
final class ScaleLoader {

    /** The volumes at full size; a factor scales them all. */
    record Volumes(long auditRows, long pcns, long accounts, long tenancies, long payments, long documents) {
        static Volumes of(double factor) {
            return new Volumes(Math.round(10_000_000 * factor), Math.round(1_000_000 * factor), Math.round(100_000 * factor),
                    Math.round(20_000 * factor), Math.round(500_000 * factor), Math.round(50_000 * factor));
        }
    }

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant TWO_YEARS_AGO = NOW.minus(730, ChronoUnit.DAYS);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final HashChain chain;

    ScaleLoader(DataSource dataSource, HashChain chain) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.chain = chain;
    }

    static String residentRef(long i) {
        return "BR" + i;
    }

    static String accountRef(long i) {
        return "BCT" + i;
    }

    boolean loaded() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass('bench_scale_load') is not null", Boolean.class));
    }

    Volumes volumesLoaded() {
        return jdbc.queryForObject("select * from bench_scale_load", (rs, n) -> new Volumes(rs.getLong("audit_rows"),
                rs.getLong("pcns"), rs.getLong("accounts"), rs.getLong("tenancies"), rs.getLong("payments"), rs.getLong("documents")));
    }

    void load(Volumes v) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            // The loader is the database owner: it switches the per-row triggers off and checks the
            // whole at the end instead (the ledger balances, the chains verify).
            sql.execute("set session_replication_role = replica");
            sql.execute("set synchronous_commit = off");
            long residents = Math.max(1000, v.accounts());
            sql.execute("""
                    insert into resident (public_ref, email, email_normalised, full_name, password_hash, email_verified_at, created_at)
                    select 'BR' || i, 'bench' || i || '@example.org', 'bench' || i || '@example.org', 'Resident ' || i,
                           '{noop}not-for-signing-in', now(), now() - interval '2 years'
                    from generate_series(1, %d) i""".formatted(residents));
            sql.execute("""
                    insert into council_tax_account (public_ref, account_number, property_address, postcode, band, year_starts_on,
                        annual_charge_pence, instalments, first_due_on)
                    select 'BCT' || i, lpad((50000000 + i)::text, 8, '0'), i || ' Borough Road', 'EB' || lpad((i %% 100000)::text, 5, '0'),
                           chr(65 + (i %% 8)::int), date '2026-04-01', 120000 + (i %% 8) * 20000, 10, date '2026-04-01'
                    from generate_series(1, %d) i""".formatted(v.accounts()));
            // Each account held by one resident, as an active holder (the activation code long since used).
            sql.execute("""
                    insert into billing_holder (public_ref, council_tax_id, resident_ref, status, requested_at, activated_at)
                    select 'BH' || a.id, a.id, 'BR' || (1 + (a.id - 1) %% %d), 'ACTIVE', now(), now()
                    from council_tax_account a where a.public_ref like 'BCT%%'""".formatted(residents));
            entries(sql, "select 'council-tax-bill:' || (50000000 + i) || ':2026-04-01', 'Council tax bill 2026/27', timestamptz '2026-04-01',"
                    + " 'council-tax:BCT' || i, 'income:council-tax', 120000 + (i % 8) * 20000 from generate_series(1, " + v.accounts() + ") i");
            sql.execute("""
                    insert into rent_account (public_ref, tenancy_ref, property_address, tenant_born_on_sealed, weekly_rent_pence,
                        tenancy_starts_on, correspondence_address)
                    select 'BRA' || i, 'T' || lpad(i::text, 7, '0'), 'Flat ' || i || ', Borough Estate', 'sealed-for-bench', 12000 + (i %% 50) * 100,
                           date '2020-04-06', 'Flat ' || i || ', Borough Estate'
                    from generate_series(1, %d) i""".formatted(v.tenancies()));
            sql.execute("""
                    insert into billing_holder (public_ref, rent_id, resident_ref, status, requested_at, activated_at)
                    select 'BHR' || r.id, r.id, 'BR' || (1 + (r.id * 7) %% %d), 'ACTIVE', now(), now()
                    from rent_account r where r.public_ref like 'BRA%%'""".formatted(residents));
            entries(sql, "select 'rent-charge:BRA' || i || ':opening', 'Rent to date', timestamptz '2026-04-06', 'rent:BRA' || i,"
                    + " 'income:rent', 12000 + (i % 50) * 100 from generate_series(1, " + v.tenancies() + ") i");
            // Fines of every age are open, paid or cancelled (a status that followed the age would
            // leave no open fine with a deadline near today).
            sql.execute("""
                    insert into pcn (public_ref, pcn_number, vrm, contravention, location, observed_at, officer_number, charge_pence,
                        served_on, status, paid_pence)
                    select 'BPCN' || i, 'EB' || lpad(i::text, 8, '0') || 'B', 'BV' || lpad((i %% 1000000)::text, 6, '0'), '01',
                           'High Street', now() - (i %% 730) * interval '1 day', 'CEO' || (i %% 90), 8000, (now() - (i %% 730) * interval '1 day')::date,
                           case when i / 730 %% 10 < 6 then 'PAID' when i / 730 %% 10 = 9 then 'CANCELLED' else 'OPEN' end,
                           case when i / 730 %% 10 < 6 then 8000 else 0 end
                    from generate_series(1, %d) i""".formatted(v.pcns()));
            // One fine in three saved to a resident's account.
            sql.execute("""
                    insert into pcn_saved (pcn_id, resident_ref, saved_at)
                    select p.id, 'BR' || (1 + substr(p.public_ref, 5)::bigint %% %d), now()
                    from pcn p where p.public_ref like 'BPCN%%' and substr(p.public_ref, 5)::bigint %% 3 = 0""".formatted(residents));
            // Payments over two years: 70% council tax, 25% fines, 5% rent; nine in ten taken.
            sql.execute("""
                    insert into payment (public_ref, reference, idempotency_key, fingerprint, resident_ref, purpose, paying_for, description,
                        credit_account, return_path, amount_pence, state, provider, created_at, updated_at, finished_at,
                        ceiling_account, ceiling_pence)
                    select 'BP' || i, 'EBP-' || lpad(i::text, 10, '0'), 'bench-payment-key-' || i, 'bench', 'BR' || (1 + i %% %1$d),
                           p.purpose, p.paying_for, 'Bench payment', p.credit, '/', p.amount,
                           case when i %% 10 = 9 then 'FAILED' else 'SUCCESS' end, 'SANDBOX', p.at, p.at, p.at,
                           case when p.purpose = 'COUNCIL_TAX' then p.credit end,
                           case when p.purpose = 'RENT' then 500000 when p.purpose = 'PCN' then p.amount end
                    from generate_series(1, %2$d) i,
                    lateral (select case when i %% 20 < 14 then 'COUNCIL_TAX' when i %% 20 < 19 then 'PCN' else 'RENT' end as purpose,
                                    timestamptz '%3$s' + (i::float8 / %2$d) * (timestamptz '%4$s' - timestamptz '%3$s') as at) k,
                    lateral (select k.purpose, k.at,
                                    case k.purpose when 'COUNCIL_TAX' then 'BCT' || (1 + i %% %5$d) when 'PCN' then 'BPCN' || (1 + i %% %6$d)
                                         else 'BRA' || (1 + i %% %7$d) end as paying_for,
                                    case k.purpose when 'COUNCIL_TAX' then 'council-tax:BCT' || (1 + i %% %5$d) when 'PCN' then 'income:parking'
                                         else 'rent:BRA' || (1 + i %% %7$d) end as credit,
                                    case k.purpose when 'COUNCIL_TAX' then 1000 when 'PCN' then 8000 else 12000 end as amount) p
                    """.formatted(residents, v.payments(), TWO_YEARS_AGO, NOW.minus(1, ChronoUnit.HOURS), Math.max(1, v.accounts()),
                    Math.max(1, v.pcns()), Math.max(1, v.tenancies())));
            entries(sql, "select 'payment:' || reference, 'Card payment', finished_at, 'provider:sandbox', credit_account, amount_pence"
                    + " from payment where state = 'SUCCESS' and public_ref like 'BP%'");
            sql.execute("""
                    insert into evidence_document (public_ref, case_ref, owner_ref, file_name, content_type, size_bytes, sha256, wrapped_key,
                        object_key, uploaded_at)
                    select 'BEV' || i, 'BCASE' || (i / 2), 'BR' || (1 + i %% %d), 'photo-' || i || '.jpg', 'image/jpeg', 2048,
                           sha256(('bench' || i)::bytea), '\\x00'::bytea, 'bench-object-' || i, now() - (i %% 730) * interval '1 day'
                    from generate_series(1, %d) i""".formatted(residents, v.documents()));
            sql.execute("""
                    insert into evidence_object (object_key, ciphertext)
                    select 'bench-object-' || i, convert_to(repeat('x', 2048), 'UTF8') from generate_series(1, %d) i""".formatted(v.documents()));
            System.out.printf("  residents, accounts, tenancies, PCNs, payments, ledger, evidence: %.1f s%n", (System.nanoTime() - started) / 1e9);
            long trailStarted = System.nanoTime();
            auditTrail(connection, v.auditRows(), residents);
            System.out.printf("  %,d chained audit rows: %.1f s%n", v.auditRows(), (System.nanoTime() - trailStarted) / 1e9);
            sql.execute("set session_replication_role = origin");
            sql.execute("""
                    create table bench_scale_load as select %d as audit_rows, %d as pcns, %d as accounts, %d as tenancies,
                        %d as payments, %d as documents, now() as loaded_at""".formatted(v.auditRows(), v.pcns(), v.accounts(),
                    v.tenancies(), v.payments(), v.documents()));
        }
        long vacuum = System.nanoTime();
        jdbc.execute("vacuum analyze");
        System.out.printf("  vacuum analyze: %.1f s%n", (System.nanoTime() - vacuum) / 1e9);
        long unbalanced = jdbc.queryForObject("""
                select count(*) from (select entry_id from journal_line group by entry_id
                                      having sum(amount_pence) <> 0 or count(*) < 2) u""", Long.class);
        if (unbalanced != 0) {
            throw new IllegalStateException(unbalanced + " loaded journal entries do not balance");
        }
        System.out.printf("loaded in %.1f s; every journal entry balances%n", (System.nanoTime() - started) / 1e9);
    }

    /** Two-line entries (debit, credit, amount) from a query of (source, description, at, debit, credit, amount). */
    private static void entries(Statement sql, String rows) throws Exception {
        sql.execute("create temporary table bench_entry as select row_number() over () as n, * from (" + rows
                + ") r(source, description, at, debit, credit, amount)");
        sql.execute("""
                with made as (insert into journal_entry (source, description, posted_at)
                              select source, description, at from bench_entry order by n returning id, source)
                insert into journal_line (entry_id, account, amount_pence)
                select made.id, line.account, line.amount from made join bench_entry b on b.source = made.source,
                lateral (values (b.debit, b.amount), (b.credit, -b.amount)) line(account, amount)""");
        sql.execute("drop table bench_entry");
    }

    /**
     * Continues each chain from its newest row, holding every chain's lock (as appends do) so no
     * request slips a row in between, with ids reserved from the trail's own sequence.
     */
    private void auditTrail(Connection connection, long rows, long residents) throws Exception {
        if (rows == 0) {
            return;
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        byte[][] previous = new byte[AuditEventStore.CHAINS][];
        Arrays.fill(previous, HashChain.GENESIS);
        try (Statement sql = connection.createStatement()) {
            for (int link = 0; link < AuditEventStore.CHAINS; link++) {
                sql.execute("select pg_advisory_lock(" + (AuditEventStore.CHAIN_LOCK + link) + ")");
            }
            try (ResultSet rs = sql.executeQuery("select distinct on (chain) chain, row_hash from audit_event order by chain, id desc")) {
                while (rs.next()) {
                    previous[rs.getInt(1)] = rs.getBytes(2);
                }
            }
            long first;
            try (ResultSet rs = sql.executeQuery("select nextval('audit_event_id_seq')")) {
                rs.next();
                first = rs.getLong(1);
            }
            sql.execute("select setval('audit_event_id_seq', " + (first + rows) + ")");
            String[] actions = {"SIGN_IN_SUCCEEDED", "SIGN_IN_SUCCEEDED", "SIGN_IN_FAILED", "EVIDENCE_VIEWED", "PAYMENT_STARTED",
                    "PAYMENTS_SEARCHED", "DEADLINE_EXTENDED", "STATEMENT_DOWNLOADED"};
            Mac mac = chain.newMac();
            HexFormat hex = HexFormat.of();
            long span = TWO_YEARS_AGO.until(NOW, ChronoUnit.MICROS);
            StringBuilder batch = new StringBuilder(1 << 22);
            for (long i = 0; i < rows; i++) {
                long id = first + i;
                int link = (int) (id % AuditEventStore.CHAINS);
                int kind = (int) (i % actions.length);
                String resident = residentRef(1 + (i * 7919) % residents);
                boolean staff = kind == 5 || kind == 3 && i % 2 == 0;
                String actor = kind == 6 ? null : staff ? "BSTAFF" + (i % 40) : resident;
                StoredEvent row = new StoredEvent(id, link, TWO_YEARS_AGO.plus(span * i / rows, ChronoUnit.MICROS), actions[kind],
                        kind == 2 ? "FAILURE" : "SUCCESS", kind == 6 ? "SYSTEM" : staff ? "STAFF" : "RESIDENT", actor, resident,
                        kind == 3 ? "BEV" + (i % 50_000) : null, kind == 6 ? null : "203.0." + (i % 113) + "." + (1 + i % 250),
                        kind == 6 ? null : "breq-" + i, kind == 6 ? "2 days for outage bench" : null);
                byte[] hash = HashChain.hash(mac, previous[link], row);
                batch.append(id).append('\t').append(link).append('\t').append(row.occurredAt()).append('\t').append(row.action())
                        .append('\t').append(row.outcome()).append('\t').append(row.actorType()).append('\t').append(copy(row.actorRef()))
                        .append('\t').append(copy(row.subjectRef())).append('\t').append(copy(row.objectRef())).append('\t')
                        .append(copy(row.clientAddress())).append('\t').append(copy(row.requestId())).append('\t').append(copy(row.detail()))
                        .append("\t\\\\x").append(hex.formatHex(previous[link])).append("\t\\\\x").append(hex.formatHex(hash)).append('\n');
                previous[link] = hash;
                if ((i + 1) % 100_000 == 0 || i + 1 == rows) {
                    pg.getCopyAPI().copyIn("copy audit_event (id, chain, occurred_at, action, outcome, actor_type, actor_ref, subject_ref, "
                            + "object_ref, client_address, request_id, detail, prev_hash, row_hash) from stdin", new StringReader(batch.toString()));
                    batch.setLength(0);
                }
            }
            for (int link = 0; link < AuditEventStore.CHAINS; link++) {
                sql.execute("select pg_advisory_unlock(" + (AuditEventStore.CHAIN_LOCK + link) + ")");
            }
        }
    }

    private static String copy(String value) {
        return value == null ? "\\N" : value;
    }
}
