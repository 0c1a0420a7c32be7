package org.townhall.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.TownhallApplication;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditQuery;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainVerification;
import org.townhall.audit.store.HashChain;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.CouncilTaxExtensions;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.parking.DeadlineExtensions;
import org.townhall.payments.FinanceReports;
import org.townhall.payments.Payments;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.SecretKeys;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;

/**
 * Townhall at a borough's size. Loads (once; the data directory is kept for the next run and for
 * the other benches) 10 million audit rows over two years with valid chains, 1 million PCNs,
 * 100,000 council tax accounts, 20,000 tenancies, 500,000 payments with a balanced ledger and
 * 50,000 small evidence documents, all times FACTOR (default 0.1). Then prints, for each resident
 * and staff page and each job, its time against its bare indexed query in the same run; residents'
 * p99 while a council tax extension of every account runs against their p99 alone; and the
 * verification of one day's new rows against the trail's full verification.
 * Run with bench/scale.sh [FACTOR] [DATA_DIR].
 */
public final class ScaleBench {

    private static final int ROUNDS = 15;

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        double factor = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/scale-data-" + factor);
        Files.createDirectories(dir.resolve("keys"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TownhallApplication.class).run(
                "--server.port=0", "--townhall.demo-data=false", "--logging.level.root=warn",
                "--logging.level.org.townhall.notifications=error",
                // Never clean: a clean data directory is deleted when the database stops, and this
                // one is kept for the next run and the other benches (an empty one is initialised).
                "--townhall.embedded-database.clean=false",
                "--townhall.embedded-database.data-dir=" + dir.resolve("db").toAbsolutePath(),
                "--townhall.keys.local-dir=" + dir.resolve("keys").toAbsolutePath(),
                "--townhall.pay.reconcile-first=PT100H")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            // Loading writes chains and ledgers directly with triggers off: a superuser's work, not Townhall's.
            javax.sql.DataSource superuser = app.getBean(EmbeddedServer.class).dataSource(DatabaseRoles.SUPERUSER, DatabaseRoles.DATABASE);
            ScaleLoader loader = new ScaleLoader(superuser, new HashChain(app.getBean(SecretKeys.class).auditHmacKey()));
            if (!loader.loaded()) {
                ScaleLoader.Volumes v = ScaleLoader.Volumes.of(factor);
                System.out.printf("Loading %s into %s (the directory is kept: the next run and the other benches reuse it)%n", v, dir);
                loader.load(v);
            } else {
                System.out.printf("Reusing %s: %s%n", dir, loader.volumesLoaded());
            }
            ScaleLoader.Volumes v = loader.volumesLoaded();
            System.out.printf("In the database: %,d audit rows, %,d PCNs, %,d council tax accounts, %,d payments, %,d journal lines%n",
                    count(jdbc, "audit_event"), count(jdbc, "pcn"), count(jdbc, "council_tax_account"), count(jdbc, "payment"),
                    count(jdbc, "journal_line"));
            new ScaleBench.Run(app, jdbc, v).all();
        }
    }

    private static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private record Run(ConfigurableApplicationContext app, JdbcTemplate jdbc, ScaleLoader.Volumes v) {

        <T> T bean(Class<T> type) {
            return app.getBean(type);
        }

        void all() throws Exception {
            String resident = ScaleLoader.residentRef(42);
            String account = jdbc.queryForObject("select a.public_ref from council_tax_account a join billing_holder h on h.council_tax_id = a.id "
                    + "where h.resident_ref = ? and h.status = 'ACTIVE' limit 1", String.class, resident);
            AuditTrail trail = bean(AuditTrail.class);
            FinanceReports reports = bean(FinanceReports.class);
            Instant oldMonth = ScaleLoader.NOW.minus(395, ChronoUnit.DAYS);
            LocalDate today = LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON);

            System.out.printf("%n%-52s %10s %10s %7s  %s%n", "page or job (median of " + ROUNDS + ")", "page ms", "bare ms", "ratio",
                    "aim: <= 2x and < 500 ms");
            compare("resident: account activity (last 20 events)", () -> bean(org.townhall.accounts.AccountActivity.class).of(resident),
                    () -> jdbc.queryForList("select * from audit_event where subject_ref = ? order by occurred_at desc, id desc limit 20", resident));
            compare("resident: council tax accounts", () -> bean(CouncilTax.class).accountsOf(resident),
                    () -> jdbc.queryForList("select a.* from council_tax_account a join billing_holder h on h.council_tax_id = a.id "
                            + "where h.resident_ref = ? and h.status = 'ACTIVE'", resident).stream()
                            .map(a -> accountQueries((String) a.get("public_ref"), (Long) a.get("id"))).toList());
            long accountId = jdbc.queryForObject("select id from council_tax_account where public_ref = ?", Long.class, account);
            compare("resident: one council tax account", () -> bean(CouncilTax.class).account(account, resident), () -> {
                jdbc.queryForList("select * from council_tax_account where public_ref = ?", account);
                return accountQueries(account, accountId);
            });
            compare("resident: their payments", () -> bean(Payments.class).ofResident(resident),
                    () -> jdbc.queryForList("select * from payment where resident_ref = ? order by created_at desc limit 100", resident));
            compare("staff: audit search, a month 13 months ago", () -> trail.search(new AuditQuery(null, null, null, null, oldMonth,
                            oldMonth.plus(30, ChronoUnit.DAYS))),
                    () -> jdbc.queryForList("select * from audit_event where occurred_at >= ? and occurred_at < ? order by occurred_at desc, "
                            + "id desc limit 500", Timestamp.from(oldMonth), Timestamp.from(oldMonth.plus(30, ChronoUnit.DAYS))));
            compare("staff: audit search, one resident over two years", () -> trail.search(new AuditQuery(null, resident, null, null,
                            ScaleLoader.TWO_YEARS_AGO, ScaleLoader.NOW.plus(1, ChronoUnit.DAYS))),
                    () -> jdbc.queryForList("select * from audit_event where subject_ref = ? and occurred_at >= ? and occurred_at < ? "
                            + "order by occurred_at desc, id desc limit 500", resident, Timestamp.from(ScaleLoader.TWO_YEARS_AGO),
                            Timestamp.from(ScaleLoader.NOW.plus(1, ChronoUnit.DAYS))));
            Instant weekAgo = today.minusDays(7).atStartOfDay(org.townhall.platform.ClockConfiguration.LONDON).toInstant();
            // A payment search is audited: its bare cost includes committing one row.
            new JdbcTemplate(app.getBean(EmbeddedServer.class).dataSource(DatabaseRoles.OWNER, DatabaseRoles.DATABASE)).execute(
                    "create table if not exists bench_commit (at timestamptz); grant insert on bench_commit to townhall_app");
            compare("staff: payment search, last 7 days (audited)",
                    () -> reports.search(null, Optional.empty(), today.minusDays(7), today, "BSTAFF1"),
                    () -> {
                        jdbc.update("insert into bench_commit values (now())");
                        return jdbc.queryForList("select * from payment where created_at >= ? order by created_at desc limit 500",
                                Timestamp.from(weekAgo));
                    });
            compare("staff: payment search, one reference (audited)", () -> reports.search("EBP-0000000042", Optional.empty(),
                    today.minusYears(2), today, "BSTAFF1"), () -> {
                        jdbc.update("insert into bench_commit values (now())");
                        return jdbc.queryForList("select * from payment where reference = ? or paying_for = ?", "EBP-0000000042",
                                "EBP-0000000042");
                    });
            compare("staff: reconciliation", reports::reconciliation, () -> {
                jdbc.queryForList("select * from payment where state in ('CREATED', 'STARTED', 'SUBMITTED') order by created_at limit 200");
                jdbc.queryForList("select * from payment where paid_again and refunded_pence < amount_pence order by finished_at limit 200");
                return jdbc.queryForList("select * from payment where overpaid_pence > 0 and state = 'SUCCESS' and refunded_pence < overpaid_pence "
                        + "order by finished_at limit 200");
            });
            compare("  (the old reconciliation: whole-ledger re-sum)", () -> jdbc.queryForList("""
                    select (select count(*) from journal_entry e where (select coalesce(sum(amount_pence), 0) from journal_line l
                                where l.entry_id = e.id) <> 0),
                           (select sum(amount_pence) from journal_line where account = 'provider:sandbox')"""),
                    () -> jdbc.queryForList("select 1"));

            verification(trail);
            extensions();
        }

        /** What an account page needs, as plain indexed queries: its balance, extensions and movements. */
        Object accountQueries(String ref, long id) {
            jdbc.queryForObject("select coalesce(sum(amount_pence), 0) from journal_line where account = ?", Long.class, "council-tax:" + ref);
            jdbc.queryForList("select * from council_tax_extension where account_id = ?", id);
            return jdbc.queryForList("""
                    select e.posted_at, e.description, l.amount_pence from journal_line l join journal_entry e on e.id = l.entry_id
                    where l.account = ? order by e.posted_at, e.id""", "council-tax:" + ref);
        }

        /** The trail verified in full (once), then one day's new rows from the marks. */
        void verification(AuditTrail trail) {
            System.out.printf("%nVerification of the audit trail (%,d rows)%n", count(jdbc, "audit_event"));
            ChainVerification full = trail.verify();
            System.out.printf("  full re-verification, on demand: %,d rows in %,d ms (intact: %s)%n", full.rowsChecked(), full.millis(), full.intact());
            ChainVerification first = trail.verifySinceLastCheck();
            System.out.printf("  first check from the marks (walks what was never checked): %,d rows in %,d ms%n", first.rowsChecked(), first.millis());
            long dayRows = Math.max(1000, v.auditRows() / 730);
            TransactionTemplate tx = bean(TransactionTemplate.class);
            AtomicLong request = new AtomicLong();
            for (long written = 0; written < dayRows; written += 100) {
                tx.executeWithoutResult(s -> {
                    for (int i = 0; i < 100; i++) {
                        trail.record(AuditEntry.of(AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS, Actor.resident("BR7")).about("BR7"),
                                new ClientOrigin("203.0.113.9", "day-" + request.incrementAndGet(), "bench"));
                    }
                });
            }
            long lastMarked = jdbc.queryForObject("select min(through_id) from audit_chain_verified", Long.class);
            List<Long> bare = new ArrayList<>();
            List<Long> page = new ArrayList<>();
            long rows = 0;
            for (int round = 0; round < 3; round++) {
                // Each round checks the same day again: the marks are put back to where the day began.
                jdbc.execute("create temporary table if not exists day_marks as select * from audit_chain_verified");
                long started = System.nanoTime();
                jdbc.queryForList("select * from audit_event where id > ? order by id", lastMarked);
                bare.add((System.nanoTime() - started) / 1_000_000);
                ChainVerification day = trail.verifySinceLastCheck();
                page.add(day.millis());
                rows = day.rowsChecked();
                jdbc.execute("delete from audit_chain_verified; insert into audit_chain_verified select * from day_marks");
            }
            System.out.printf("  one day's new rows from the marks: %,d rows in %,d ms (bare read of those rows %,d ms) — with %,d rows in the trail%n",
                    rows, median(page), median(bare), count(jdbc, "audit_event"));
        }

        /** Residents' audited requests alone, then while the council tax extension of every account runs. */
        void extensions() throws Exception {
            CouncilTax councilTax = bean(CouncilTax.class);
            AuditTrail trail = bean(AuditTrail.class);
            TransactionTemplate tx = bean(TransactionTemplate.class);
            List<String[]> residents = jdbc.query("select a.public_ref, h.resident_ref from council_tax_account a join billing_holder h on h.council_tax_id = a.id "
                    + "order by a.id limit 2000",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
            AtomicLong next = new AtomicLong();
            Runnable request = () -> {
                String[] r = residents.get((int) (next.getAndIncrement() % residents.size()));
                tx.executeWithoutResult(s -> {
                    councilTax.account(r[0], r[1]);
                    trail.record(AuditEntry.of(AuditAction.STATEMENT_DOWNLOADED, AuditOutcome.SUCCESS, Actor.resident(r[1])).about(r[1]),
                            new ClientOrigin("198.51.100.4", "res-" + next.get(), "bench"));
                });
            };
            residentsFor(request, null, 5);
            List<Long> alone = residentsFor(request, null, 15);
            System.out.printf("%nResidents' audited requests (4 threads), alone: %,d requests, p50 %.1f ms, p99 %.1f ms%n", alone.size(),
                    percentile(alone, 50), percentile(alone, 99));

            Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(4, ChronoUnit.HOURS);
            ServiceOutageEnded outage = new ServiceOutageEnded("bench-" + System.nanoTime(), ResidentService.COUNCIL_TAX_PAYMENTS,
                    start, start.plus(12, ChronoUnit.HOURS));
            long[] job = new long[2];
            List<Long> during = residentsFor(request, () -> {
                long began = System.nanoTime();
                job[0] = bean(CouncilTaxExtensions.class).extendFor(outage);
                job[1] = (System.nanoTime() - began) / 1_000_000;
            }, 0);
            System.out.printf("While the council tax extension ran (%,d accounts extended in %,d ms): %,d requests, p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms; p99 ratio %.2f (aim <= 3)%n", job[0], job[1], during.size(), percentile(during, 50), percentile(during, 99),
                    percentile(during, 100), percentile(during, 99) / percentile(alone, 99));

            ServiceOutageEnded pcnOutage = new ServiceOutageEnded("bench-p-" + System.nanoTime(), ResidentService.PCN_PAYMENTS, start,
                    start.plus(12, ChronoUnit.HOURS));
            List<Long> duringPcn = residentsFor(request, () -> {
                long began = System.nanoTime();
                job[0] = bean(DeadlineExtensions.class).extendFor(pcnOutage);
                job[1] = (System.nanoTime() - began) / 1_000_000;
            }, 0);
            System.out.printf("While the PCN extension ran (%s; %,d PCNs extended in %,d ms): p99 %.1f ms, ratio %.2f (aim <= 3)%n",
                    pcnOutage.service(), job[0], job[1], percentile(duringPcn, 99), percentile(duringPcn, 99) / percentile(alone, 99));
        }

        /** Request latencies (ms) from 4 threads for {@code seconds}, or for as long as {@code job} runs. */
        List<Long> residentsFor(Runnable request, Runnable job, int seconds) throws Exception {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> residents = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                residents.add(pool.submit(() -> {
                    while (running.get()) {
                        long started = System.nanoTime();
                        request.run();
                        latencies.add((System.nanoTime() - started) / 1_000);
                    }
                }));
            }
            if (job == null) {
                Thread.sleep(seconds * 1000L);
            } else {
                Thread.sleep(1000);
                pool.submit(job).get();
            }
            running.set(false);
            for (Future<?> f : residents) {
                f.get();
            }
            pool.shutdown();
            return latencies;
        }

        void compare(String name, Supplier<?> page, Supplier<?> bare) {
            // Warmed up first: the JIT compiles a page's code only after it has run a few times.
            for (int warm = 0; warm < 10; warm++) {
                page.get();
                bare.get();
            }
            List<Long> pageTimes = new ArrayList<>();
            List<Long> bareTimes = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long started = System.nanoTime();
                bare.get();
                bareTimes.add((System.nanoTime() - started) / 1_000);
                started = System.nanoTime();
                page.get();
                pageTimes.add((System.nanoTime() - started) / 1_000);
            }
            double p = median(pageTimes) / 1000.0;
            double b = median(bareTimes) / 1000.0;
            System.out.printf("%-52s %10.1f %10.1f %7.2f  %s%n", name, p, b, p / b, p <= 2 * b && p < 500 ? "met" : "NOT met");
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The percentile in ms of latencies in microseconds. */
    private static double percentile(List<Long> micros, double p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
