package org.townhall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.townhall.TownhallApplication;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.PayChoice;
import org.townhall.billing.PayResult;
import org.townhall.payments.Payments;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.SandboxProvider;
import org.townhall.platform.ClientOrigin;

/**
 * Completed sandbox payments per second at concurrency 8 (start with an idempotency key, the
 * provider takes the card, the return settles it: ledger entry, event, audit row, receipt email),
 * against pgbench's TPC-B-like transactions per second at the same concurrency on the same
 * embedded PostgreSQL, in one run. Then a retry storm: every step of 100 payments repeated 20
 * times from 8 threads, counting duplicate charges (there must be none). Run with bench/payments.sh.
 */
public final class PaymentsBench {

    /** The embedded server accepts only passwords; pgbench is given the superuser's. */
    private static String superuserPassword = "";

    private static final int THREADS = 8;

    private PaymentsBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmUpSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TownhallApplication.class)
                .initializers(RoundTrips.counting()).run(
                "--server.port=0", "--townhall.demo-data=false", "--logging.level.root=warn",
                "--townhall.embedded-database.clean=true",
                "--townhall.embedded-database.data-dir=" + Files.createTempDirectory("townhall-bench-db"),
                "--townhall.keys.local-dir=" + Files.createTempDirectory("townhall-bench-keys"),
                "--townhall.pay.reconcile-first=PT100H")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            BillingFixtures billing = app.getBean(BillingFixtures.class);
            CouncilTax councilTax = app.getBean(CouncilTax.class);
            Payments payments = app.getBean(Payments.class);
            SandboxProvider sandbox = (SandboxProvider) app.getBean(PaymentProvider.class);
            // Many households, each paying now and then, as on a council's busiest day. Residents with
            // Townhall accounts, so that every payment also writes its emailed receipt.
            AccountFixtures accounts = app.getBean(AccountFixtures.class);
            List<String[]> payers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String resident = accounts.aResident().build().ref();
                for (int a = 0; a < 4; a++) {
                    payers.add(new String[] {resident, billing.aCouncilTaxAccount().charging(900_000_000L).linkedTo(resident).build().ref()});
                }
            }
            AtomicLong next = new AtomicLong();
            // Each payment starts in its own request with its own request id, as in the running service: the
            // audit trail spreads requests over its parallel chains by request id.
            AtomicLong requests = new AtomicLong();
            // The resident's whole journey, each step calling what its page's controller calls: the pay
            // form, the provider's card page (opened once), card details (authorised), "Confirm your
            // payment" and its button, the return from the provider (settling it) and the receipt page.
            JourneySteps steps = new JourneySteps();
            Pay pay = (thread, key) -> {
                String[] payer = payers.get((int) (next.getAndIncrement() % payers.size()));
                List<String> payerRefs = List.of(payer[0]);
                PayResult.Started started = steps.time(JourneySteps.Step.START, () -> (PayResult.Started) councilTax.pay(payer[1], payer[0],
                        PayChoice.amount("1.00"), key,
                        new ClientOrigin("127.0.0.1", "bench-" + thread + "-" + requests.incrementAndGet(), "bench")));
                String providerId = started.nextUrl().substring(started.nextUrl().lastIndexOf('/') + 1);
                steps.time(JourneySteps.Step.CARD_PAGE, () -> cardPage(payments, sandbox, providerId, payerRefs) && sandbox.opened(providerId));
                steps.time(JourneySteps.Step.CARD_DETAILS, () -> cardPage(payments, sandbox, providerId, payerRefs)
                        && sandbox.authorise(providerId, "4444333322221111").isPresent());
                steps.time(JourneySteps.Step.CONFIRM_PAGE, () -> cardPage(payments, sandbox, providerId, payerRefs));
                steps.time(JourneySteps.Step.CONFIRM, () -> cardPage(payments, sandbox, providerId, payerRefs) && sandbox.confirm(providerId));
                if (!steps.time(JourneySteps.Step.RETURN, () -> payments.receipt(started.paymentRef(), payerRefs).orElseThrow().taken())) {
                    throw new IllegalStateException("payment not taken");
                }
                steps.time(JourneySteps.Step.RECEIPT_PAGE, () -> payments.receipt(started.paymentRef(), payerRefs).orElseThrow());
            };
            System.out.printf("warming up for %d s%n", warmUpSeconds);
            paymentsPerSecond(pay, warmUpSeconds);
            long[] workBefore = databaseWork(jdbc);
            long paymentsBefore = jdbc.queryForObject("select count(*) from payment where state = 'SUCCESS'", Long.class);
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            steps.clear();
            double paymentsPerSecond = paymentsPerSecond(pay, seconds);
            double jvmShare = (processCpuNanos() - cpuBefore) / (double) ((System.nanoTime() - wallBefore) * Runtime.getRuntime().availableProcessors());
            long measured = jdbc.queryForObject("select count(*) from payment where state = 'SUCCESS'", Long.class) - paymentsBefore;
            long[] workAfter = databaseWork(jdbc);

            String url = jdbc.getDataSource().getConnection().getMetaData().getURL();
            Matcher port = Pattern.compile("localhost:(\\d+)").matcher(url);
            if (!port.find()) {
                throw new IllegalStateException("No port in " + url);
            }
            // pgbench makes its own tables, which Townhall's application role may not: it runs as the superuser.
            EmbeddedServer server = app.getBean(EmbeddedServer.class);
            superuserPassword = server.password(DatabaseRoles.SUPERUSER);
            JdbcClient.create(server.dataSource(DatabaseRoles.SUPERUSER, "postgres")).sql("create database pgbench").update();
            double tps = pgbench(port.group(1), seconds);
            String database = jdbc.queryForObject("select current_database()", String.class);
            double floor = paymentFloor(port.group(1), database, seconds, true, true);
            double floorWithoutProvider = paymentFloor(port.group(1), database, seconds, false, true);
            double floorUnchained = paymentFloor(port.group(1), database, seconds, false, false);

            System.out.printf("%nCompleted sandbox payments at concurrency %d: %.1f per second%n", THREADS, paymentsPerSecond);
            System.out.printf("pgbench TPC-B-like transactions at concurrency %d: %.1f per second%n", THREADS, tps);
            System.out.printf("Ratio payments/pgbench: %.2f (aim >= 0.5)%n", paymentsPerSecond / tps);
            System.out.printf("The writes a payment cannot do without (bench/payment-floor.sql), replayed by pgbench with no application: "
                    + "%.1f per second, ratio %.2f: no implementation making them on this machine completes payments faster%n",
                    floor, floor / tps);
            System.out.printf("  the same without the sandbox provider's own books (as with GOV.UK Pay, whose database is not ours): "
                    + "%.1f per second, ratio %.2f%n", floorWithoutProvider, floorWithoutProvider / tps);
            System.out.printf("  and with its audit rows written unchained too (no chain lock, no read of the chain's last row): "
                    + "%.1f per second, ratio %.2f%n", floorUnchained, floorUnchained / tps);
            System.out.printf("Townhall's own JVM used %.0f%% of this machine's %d cores while the payments ran (the rest was PostgreSQL's, or idle)%n",
                    100 * jvmShare, Runtime.getRuntime().availableProcessors());
            System.out.printf("Database work per completed payment: %.1f transactions (a statement on its own is one), %.1f rows written "
                            + "(a TPC-B-like transaction: 1 commit, 4 rows written)%n",
                    (workAfter[0] - workBefore[0]) / (double) measured, (workAfter[1] - workBefore[1]) / (double) measured);

            steps.print();

            System.out.printf("%nRetry storm: 100 payments, every step repeated 20 times from %d threads ...%n", THREADS);
            long duplicates = retryStorm(payers, jdbc, councilTax, payments, sandbox);
            System.out.printf("Duplicate charges: %d (must be 0)%n", duplicates);
            System.out.printf("Unbalanced journal entries: %d%n", jdbc.queryForObject(
                    "select count(*) from (select entry_id from journal_line group by entry_id having sum(amount_pence) <> 0) x", Long.class));
        }
    }

    /**
     * Commits and rows written (inserted or updated) so far in this database. A backend reports
     * its counts once it has been idle for a while, so this waits for them first.
     */
    private static long[] databaseWork(JdbcTemplate jdbc) throws InterruptedException {
        Thread.sleep(11_000);
        return jdbc.queryForObject("select xact_commit, tup_inserted + tup_updated from pg_stat_database where datname = current_database()",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** What the sandbox card page's controller reads before it shows or takes anything: the payment (its owner's only) and the charge. */
    private static boolean cardPage(Payments payments, SandboxProvider sandbox, String providerId, List<String> payerRefs) {
        return payments.byProviderId(providerId, payerRefs).isPresent() && sandbox.charge(providerId).isPresent();
    }

    interface Pay {
        void pay(int thread, String idempotencyKey) throws Exception;
    }

    private static double paymentsPerSecond(Pay pay, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    pay.pay(thread, Payments.newIdempotencyKey());
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static long retryStorm(List<String[]> payers, JdbcTemplate jdbc, CouncilTax councilTax, Payments payments,
                                   SandboxProvider sandbox) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(Payments.newIdempotencyKey());
        }
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            work.add(pool.submit(() -> {
                for (int repeat = 0; repeat < 20; repeat++) {
                    for (int i = 0; i < keys.size(); i++) {
                        String[] payer = payers.get(i % payers.size());
                        PayResult result = councilTax.pay(payer[1], payer[0], PayChoice.amount("2.00"), keys.get(i),
                                new ClientOrigin("127.0.0.1", "storm", "bench"));
                        if (result instanceof PayResult.Started started) {
                            if (started.nextUrl().startsWith("/sandbox-pay/")) {
                                sandbox.pay(started.nextUrl().substring("/sandbox-pay/".length()), "4444333322221111");
                            }
                            payments.receipt(started.paymentRef(), payer[0]);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : work) {
            w.get();
        }
        pool.shutdown();
        String inStorm = "(select reference from payment where idempotency_key in ("
                + String.join(",", keys.stream().map(k -> "'" + k + "'").toList()) + "))";
        long payments100 = jdbc.queryForObject("select count(*) from payment where reference in " + inStorm, Long.class);
        long charges = jdbc.queryForObject("select count(*) from sandbox_charge where status = 'success' and reference in " + inStorm, Long.class);
        long entries = jdbc.queryForObject("select count(*) from journal_entry where source in (select 'payment:' || r from " + inStorm + " s(r))",
                Long.class);
        System.out.printf("  payments created: %d, provider charges: %d, ledger entries: %d%n", payments100, charges, entries);
        return Math.max(0, charges - 100) + Math.max(0, entries - 100) + Math.max(0, payments100 - 100);
    }

    private static double pgbench(String port, int seconds) throws IOException, InterruptedException {
        run(List.of("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-i", "-s", String.valueOf(THREADS), "-q", "pgbench"));
        String out = run(List.of("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-c", String.valueOf(THREADS),
                "-j", "2", "-T", String.valueOf(seconds), "pgbench"));
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench said: " + out);
        }
        return Double.parseDouble(tps.group(1));
    }

    /** Payments per second of bench/payment-floor.sql at the same concurrency, prepared as Townhall's statements are. */
    private static double paymentFloor(String port, String database, int seconds, boolean providerBooks, boolean chainedAudit)
            throws IOException, InterruptedException {
        String out = run(List.of("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-n", "-M", "prepared",
                "-c", String.valueOf(THREADS), "-j", "2", "-T", String.valueOf(seconds), "-D", "run=" + System.currentTimeMillis(),
                "-D", "i=0", "-D", "provider_books=" + (providerBooks ? 1 : 0),
                "-D", "chained_audit=" + (chainedAudit ? 1 : 0), "-f", "bench/payment-floor.sql", database));
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find() || out.contains("aborted")) {
            throw new IllegalStateException("pgbench said: " + out);
        }
        return Double.parseDouble(tps.group(1));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", superuserPassword);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
