package org.townhall.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.townhall.TownhallApplication;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.ParkingFixtures;
import org.townhall.support.Visitor;

/**
 * The shield under attack, in one run against Townhall on 127.0.0.1 (behind a "trusted proxy" on
 * the same machine, so each simulated client has its own address):
 * <ol>
 * <li>Flood: resident journeys (look up a PCN, sign in, pay council tax) alone, then the same with
 * a flood of 20 times their request rate from three addresses: success rate and p99 ratios.</li>
 * <li>Botnet flood: signed-in residents paying, alone and under a flood of 20 times their rate from
 * at least 10,000 addresses each under its own limit ({@link BotnetFlood}).</li>
 * <li>Cost of refusal: server CPU per refused request against per served page.</li>
 * <li>Credential stuffing: wrong-password sign-ins from thousands of addresses while residents who
 * have signed in before sign in again: their success rate.</li>
 * </ol>
 * Every loop is bounded in time. Run with bench/shield.sh.
 */
public final class ShieldBench {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    private static int port;
    private static final java.util.Map<String, Integer> FAILURES = new java.util.concurrent.ConcurrentHashMap<>();
    /** Concurrent credential-stuffing clients: enough to push past what the server can hash. */
    private static final int ATTACKERS = 64;

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
            port = ((WebServerApplicationContext) app).getWebServer().getPort();
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
                flood(households, seconds);
            }
            if (only.equals("all") || List.of(only.split(",")).contains("botnet")) {
                BotnetFlood.run(port, households, seconds, app.getEnvironment().getProperty("townhall.shield.bulk-per-minute",
                        Integer.class, 30));
            }
            if (only.equals("all") || List.of(only.split(",")).contains("refusal")) {
                costOfRefusal();
            }
            if (only.equals("all") || List.of(only.split(",")).contains("stuffing")) {
                credentialStuffing(households, seconds);
            }
        }
    }

    // ---- 1. Flood ---------------------------------------------------------------------------

    private static final AtomicLong ADDRESSES = new AtomicLong(1);

    private static String freshAddress(int firstOctet) {
        long n = ADDRESSES.incrementAndGet();
        return firstOctet + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static void flood(List<Household> households, int seconds) throws Exception {
        System.out.println("Flood: warming up ...");
        journeys(households, 8, Math.max(5, seconds / 2), 0);
        Outcome alone = journeys(households, 8, seconds, 0);
        double floodRate = 20 * alone.requestsPerSecond();
        Outcome underFlood = journeys(households, 8, seconds, floodRate);
        System.out.printf("%nFLOOD (8 residents at a time; each journey: look up a PCN, sign in, pay council tax)%n");
        System.out.printf("  alone:       %d journeys, success %.4f, %.0f requests/s, p99 %.1f ms%n",
                alone.journeys(), alone.successRate(), alone.requestsPerSecond(), alone.p99Millis());
        System.out.printf("  under flood: %d journeys, success %.4f, p99 %.1f ms (flood aimed at %.0f requests/s from 3 addresses)%n",
                underFlood.journeys(), underFlood.successRate(), underFlood.p99Millis(), floodRate);
        System.out.printf("  success ratio %.3f (aim >= 0.99), p99 ratio %.2f (aim <= 3)%n",
                underFlood.successRate() / alone.successRate(), underFlood.p99Millis() / alone.p99Millis());
    }

    private static Outcome journeys(List<Household> households, int threads, int seconds, double floodPerSecond) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads + 16);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong journeys = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong floodSent = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    Household h = households.get(ThreadLocalRandom.current().nextInt(households.size()));
                    boolean ok = journey(h, latencies, requests);
                    journeys.incrementAndGet();
                    if (ok) {
                        succeeded.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        if (floodPerSecond > 0) {
            HttpClient attacker = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            for (int a = 1; a <= 16; a++) {
                String from = "203.0.113." + (a % 3 + 1);
                double perThread = floodPerSecond / 16;
                work.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    long sent = 0;
                    while (System.nanoTime() < end) {
                        paceTo(started, sent, perThread);
                        HttpRequest request = (sent % 2 == 0
                                ? HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign-in"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("email=victim%40example.com&password=guess" + sent))
                                : HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/parking"))).header("X-Forwarded-For", from)
                                .timeout(Duration.ofSeconds(10)).build();
                        try {
                            attacker.send(request, HttpResponse.BodyHandlers.discarding());
                        } catch (IOException e) {
                            // A flood that fails to connect is still a flood.
                        }
                        sent++;
                        floodSent.incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        double took = finish(work, pool, floodPerSecond > 0 ? "flood" : null, floodSent, "requests");
        return new Outcome(journeys.get(), succeeded.get(), requests.get(), new ArrayList<>(latencies), took);
    }

    private static boolean journey(Household h, ConcurrentLinkedQueue<Long> latencies, AtomicLong requests) {
        Visitor visitor = new Visitor(port, freshAddress(10));
        try {
            step(latencies, requests, () -> visitor.get("/parking"), 200);
            if (!step(latencies, requests, () -> visitor.post("/parking", "pcnNumber", h.pcn().number(), "registration", h.pcn().vrm()), 302)) {
                return false;
            }
            step(latencies, requests, () -> visitor.get("/sign-in"), 200);
            Visitor.Page signedIn = timed(latencies, requests, () -> visitor.post("/sign-in", "email", h.resident().email(),
                    "password", AccountFixtures.PASSWORD));
            if (signedIn.location() == null || !signedIn.location().endsWith("/account")) {
                return false;
            }
            Visitor.Page account = timed(latencies, requests, () -> visitor.get("/council-tax/" + h.councilTax()));
            Matcher key = KEY.matcher(account.body());
            if (!key.find()) {
                return false;
            }
            Visitor.Page card = timed(latencies, requests, () -> visitor.post("/council-tax/" + h.councilTax() + "/pay",
                    "choice", "other", "amount", "1.00", "idempotencyKey", key.group(1)));
            if (card.location() == null) {
                return false;
            }
            String cardPath = URI.create(card.location()).getPath();
            step(latencies, requests, () -> visitor.get(cardPath), 200);
            Visitor.Page authorised = timed(latencies, requests, () -> visitor.post(cardPath, "cardNumber", "4444333322221111",
                    "expiry", "12/30", "cardholderName", "Bench", "securityCode", "123"));
            if (authorised.location() == null) {
                return false;
            }
            // "Confirm your payment", as on GOV.UK Pay.
            Visitor.Page back = timed(latencies, requests, () -> visitor.post(URI.create(authorised.location()).getPath()));
            if (back.location() == null) {
                return false;
            }
            Visitor.Page receipt = timed(latencies, requests, () -> visitor.open(URI.create(back.location()).getPath()));
            return receipt.status() == 200 && receipt.body().contains("Payment received");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean step(ConcurrentLinkedQueue<Long> latencies, AtomicLong requests, java.util.function.Supplier<Visitor.Page> call,
                                int expected) {
        return timed(latencies, requests, call).status() == expected;
    }

    private static Visitor.Page timed(ConcurrentLinkedQueue<Long> latencies, AtomicLong requests, java.util.function.Supplier<Visitor.Page> call) {
        long started = System.nanoTime();
        Visitor.Page page = call.get();
        latencies.add(System.nanoTime() - started);
        requests.incrementAndGet();
        return page;
    }

    /** Sleeps until the {@code sent}-th send of a thread sending {@code perSecond} from {@code started} is due. */
    private static void paceTo(long started, long sent, double perSecond) throws InterruptedException {
        long wait = started + (long) (sent / perSecond * 1e9) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /**
     * Waits for every worker and returns the seconds that took; says how fast the attacker really
     * sent, when there was one ({@code attacker} names it), since it shares the cores with the server.
     */
    private static double finish(List<Future<?>> work, ExecutorService pool, String attacker, AtomicLong sent, String what)
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

    // ---- 2. Cost of refusal -------------------------------------------------------------------

    private static void costOfRefusal() throws IOException {
        System.out.println("\nCost of refusal: warming up ...");
        serverCpuPerRequest(3_000, true);
        serverCpuPerRequest(3_000, false);
        // Background work (garbage collection, scheduled jobs) lands in whichever round it falls in:
        // the median of five alternating rounds of each.
        List<Double> servedRounds = new ArrayList<>();
        List<Double> refusedRounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            servedRounds.add(serverCpuPerRequest(2_000, true));
            refusedRounds.add(serverCpuPerRequest(2_000, false));
        }
        Collections.sort(servedRounds);
        Collections.sort(refusedRounds);
        double served = servedRounds.get(2);
        double refused = refusedRounds.get(2);
        System.out.printf("%nCOST OF REFUSAL (server CPU per request; the client's own CPU subtracted)%n");
        System.out.printf("  served page (GET /parking, a new session and CSRF token): %.1f us%n", served / 1000);
        System.out.printf("  refused (429 before any session or database work):        %.1f us%n", refused / 1000);
        System.out.printf("  ratio %.3f (aim <= 0.05)%n", refused / served);
    }

    /** Nanoseconds of CPU the application spent per request (process CPU less this client thread's). */
    private static double serverCpuPerRequest(int count, boolean served) throws IOException {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String flooder = "203.0.113.99";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (!served) {
                for (int i = 0; i < 400; i++) {
                    RawHttp.get(out, in, flooder);
                }
            }
            long processBefore = os.getProcessCpuTime();
            long clientBefore = threads.getCurrentThreadCpuTime();
            int expected = served ? 200 : 429;
            int wrong = 0;
            for (int i = 0; i < count; i++) {
                if (RawHttp.get(out, in, served ? freshAddress(11) : flooder) != expected) {
                    wrong++;
                }
            }
            long server = (os.getProcessCpuTime() - processBefore) - (threads.getCurrentThreadCpuTime() - clientBefore);
            if (wrong > 0) {
                System.out.printf("  (%d of %d answers were not %d)%n", wrong, count, expected);
            }
            return (double) server / count;
        }
    }

    // ---- 3. Credential stuffing ----------------------------------------------------------------

    private static void credentialStuffing(List<Household> households, int seconds) throws Exception {
        // Residents who have signed in from this browser before (the known-device cookie).
        List<Visitor> browsers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Visitor browser = new Visitor(port, "10.250.0." + (i + 1));
            browser.get("/sign-in");
            browser.post("/sign-in", "email", households.get(i).resident().email(), "password", AccountFixtures.PASSWORD);
            browsers.add(browser);
        }
        Outcome alone = signIns(households, browsers, seconds / 2, 0);
        double attackRate = 50 * alone.requestsPerSecond();
        Outcome attacked = signIns(households, browsers, seconds, attackRate);
        System.out.printf("%nCREDENTIAL STUFFING (wrong passwords for residents' and unknown emails, each attempt from a new address)%n");
        System.out.printf("  residents alone: %d sign-ins, success %.4f%n", alone.journeys(), alone.successRate());
        System.out.printf("  under attack:    %d sign-ins, success %.4f (aim >= 0.95); attack aimed at %.0f attempts/s%n",
                attacked.journeys(), attacked.successRate(), attackRate);
        if (!FAILURES.isEmpty()) {
            System.out.println("  residents' failed sign-ins: " + FAILURES);
        }
    }

    private static Outcome signIns(List<Household> households, List<Visitor> browsers, int seconds, double attackPerSecond) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size() + ATTACKERS);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong attempts = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong attackSent = new AtomicLong();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < browsers.size(); i++) {
            Visitor browser = browsers.get(i);
            String email = households.get(i).resident().email();
            work.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        browser.get("/account");
                        browser.post("/sign-out");
                        browser.get("/sign-in");
                        Visitor.Page page = browser.post("/sign-in", "email", email, "password", AccountFixtures.PASSWORD);
                        if (page.location() != null && page.location().endsWith("/account")) {
                            succeeded.incrementAndGet();
                        } else {
                            FAILURES.merge("HTTP " + page.status(), 1, Integer::sum);
                        }
                    } catch (RuntimeException e) {
                        FAILURES.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    attempts.incrementAndGet();
                    Thread.sleep(1000);
                }
                return null;
            }));
        }
        for (int t = 0; t < ATTACKERS && attackPerSecond > 0; t++) {
            double perThread = attackPerSecond / ATTACKERS;
            work.add(pool.submit(() -> {
                long started = System.nanoTime();
                long sent = 0;
                while (System.nanoTime() < end) {
                    paceTo(started, sent, perThread);
                    Visitor bot = new Visitor(port, freshAddress(100 + ThreadLocalRandom.current().nextInt(20)));
                    String email = sent % 2 == 0 ? households.get(ThreadLocalRandom.current().nextInt(households.size())).resident().email()
                            : "leaked" + sent + "@example.net";
                    try {
                        bot.get("/sign-in");
                        bot.post("/sign-in", "email", email, "password", "Summer2026!" + sent);
                    } catch (RuntimeException e) {
                        // refused or timed out: the attacker's loss
                    }
                    sent++;
                    attackSent.incrementAndGet();
                }
                return null;
            }));
        }
        double took = finish(work, pool, attackPerSecond > 0 ? "attack" : null, attackSent, "attempts");
        return new Outcome(attempts.get(), succeeded.get(), attempts.get(), List.of(), took);
    }
}
