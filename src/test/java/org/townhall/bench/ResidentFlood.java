package org.townhall.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.townhall.accounts.AccountFixtures;
import org.townhall.support.Visitor;

/**
 * Phase 1 of {@link ShieldBench}: resident journeys (look up a PCN, sign in, pay council tax)
 * alone, then the same under a flood of 20 times their request rate from three addresses, which
 * per-address limits alone stop. Prints the success rate and p99 ratios.
 */
final class ResidentFlood {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    private ResidentFlood() {
    }

    static void run(int port, List<ShieldBench.Household> households, int seconds) throws Exception {
        System.out.println("Flood: warming up ...");
        journeys(port, households, 8, Math.max(5, seconds / 2), 0);
        ShieldBench.Outcome alone = journeys(port, households, 8, seconds, 0);
        double floodRate = 20 * alone.requestsPerSecond();
        ShieldBench.Outcome underFlood = journeys(port, households, 8, seconds, floodRate);
        System.out.printf("%nFLOOD (8 residents at a time; each journey: look up a PCN, sign in, pay council tax)%n");
        System.out.printf("  alone:       %d journeys, success %.4f, %.0f requests/s, p99 %.1f ms%n",
                alone.journeys(), alone.successRate(), alone.requestsPerSecond(), alone.p99Millis());
        System.out.printf("  under flood: %d journeys, success %.4f, p99 %.1f ms (flood aimed at %.0f requests/s from 3 addresses)%n",
                underFlood.journeys(), underFlood.successRate(), underFlood.p99Millis(), floodRate);
        System.out.printf("  success ratio %.3f (aim >= 0.99), p99 ratio %.2f (aim <= 3)%n",
                underFlood.successRate() / alone.successRate(), underFlood.p99Millis() / alone.p99Millis());
    }

    private static ShieldBench.Outcome journeys(int port, List<ShieldBench.Household> households, int threads, int seconds, double floodPerSecond) throws Exception {
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
                    ShieldBench.Household h = households.get(ThreadLocalRandom.current().nextInt(households.size()));
                    boolean ok = journey(port, h, latencies, requests);
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
                        ShieldBench.paceTo(started, sent, perThread);
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
        double took = ShieldBench.finish(work, pool, floodPerSecond > 0 ? "flood" : null, floodSent, "requests");
        return new ShieldBench.Outcome(journeys.get(), succeeded.get(), requests.get(), new ArrayList<>(latencies), took);
    }

    private static boolean journey(int port, ShieldBench.Household h, ConcurrentLinkedQueue<Long> latencies, AtomicLong requests) {
        Visitor visitor = new Visitor(port, ShieldBench.freshAddress(10));
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
            Visitor.Page authorised = timed(latencies, requests, () -> visitor.post(cardPath, "cardNumber", "4444333322221111", "expiry", "12/30",
                    "cardholderName", "Bench", "securityCode", "123"));
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
}
