package org.townhall.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.townhall.TownhallApplication;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.ParkingFixtures;

/**
 * The shield under attack, in one run against Townhall on 127.0.0.1 (behind a "trusted proxy" on
 * the same machine, so each simulated client has its own address):
 * <ol>
 * <li>Flood: resident journeys (look up a PCN, sign in, pay council tax) alone, then the same with
 * a flood of 20 times their request rate from three addresses: success rate and p99 ratios
 * ({@link ResidentFlood}).</li>
 * <li>Botnet flood: signed-in residents paying, alone and under a flood of 20 times their rate from
 * at least 10,000 addresses each under its own limit ({@link BotnetFlood}).</li>
 * <li>Cost of refusal: server CPU per refused request against per served page ({@link RefusalCost}).</li>
 * <li>Credential stuffing: wrong-password sign-ins from thousands of addresses while residents who
 * have signed in before sign in again: their success rate ({@link CredentialStuffing}).</li>
 * </ol>
 * Every loop is bounded in time. Run with bench/shield.sh. This class starts Townhall, makes the
 * households every phase uses and holds what the phases share.
 */
public final class ShieldBench {

    private static final AtomicLong ADDRESSES = new AtomicLong(1);

    private ShieldBench() {
    }

    record Household(AccountFixtures.Resident resident, ParkingFixtures.Pcn pcn, String councilTax) {
    }

    record Outcome(long journeys, long succeeded, long requests, List<Long> latenciesNanos, double seconds) {
        double successRate() {
            return journeys == 0 ? 0 : (double) succeeded / journeys;
        }

        double p99Millis() {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TownhallApplication.class).run(
                "--server.port=0", "--townhall.demo-data=false", "--logging.level.root=warn",
                "--townhall.embedded-database.clean=true",
                "--townhall.embedded-database.data-dir=" + Files.createTempDirectory("townhall-bench-db"),
                "--townhall.keys.local-dir=" + Files.createTempDirectory("townhall-bench-keys"),
                "--townhall.pay.reconcile-first=PT100H", "--townhall.shield.enabled=true",
                "--server.forward-headers-strategy=native", "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
                // One kept-alive connection carries every request of the cost-of-refusal measurement.
                "--server.tomcat.max-keep-alive-requests=-1")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            AccountFixtures accounts = app.getBean(AccountFixtures.class);
            ParkingFixtures parking = app.getBean(ParkingFixtures.class);
            BillingFixtures billing = app.getBean(BillingFixtures.class);
            List<Household> households = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                AccountFixtures.Resident resident = accounts.aResident().build();
                households.add(new Household(resident, parking.aPcn().build(),
                        billing.aCouncilTaxAccount().charging(900_000_000L).linkedTo(resident.ref()).build().ref()));
            }
            String only = args.length > 1 ? args[1] : "all";
            if (only.equals("all") || List.of(only.split(",")).contains("flood")) {
                ResidentFlood.run(port, households, seconds);
            }
            if (only.equals("all") || List.of(only.split(",")).contains("botnet")) {
                BotnetFlood.run(port, households, seconds, app.getEnvironment().getProperty("townhall.shield.bulk-per-minute",
                        Integer.class, 30));
            }
            if (only.equals("all") || List.of(only.split(",")).contains("refusal")) {
                RefusalCost.run(port);
            }
            if (only.equals("all") || List.of(only.split(",")).contains("stuffing")) {
                CredentialStuffing.run(port, households, seconds);
            }
        }
    }

    // ---- What the phases share ---------------------------------------------------------------

    static String freshAddress(int firstOctet) {
        long n = ADDRESSES.incrementAndGet();
        return firstOctet + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** Sleeps until the {@code sent}-th send of a thread sending {@code perSecond} from {@code started} is due. */
    static void paceTo(long started, long sent, double perSecond) throws InterruptedException {
        long wait = started + (long) (sent / perSecond * 1e9) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /**
     * Waits for every worker and returns the seconds that took; says how fast the attacker really
     * sent, when there was one ({@code attacker} names it), since it shares the cores with the server.
     */
    static double finish(List<Future<?>> work, ExecutorService pool, String attacker, AtomicLong sent, String what)
            throws Exception {
        long started = System.nanoTime();
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double took = (System.nanoTime() - started) / 1e9;
        if (attacker != null) {
            System.out.printf("  (%s actually sent %.0f %s/s)%n", attacker, sent.get() / took, what);
        }
        return took;
    }
}
