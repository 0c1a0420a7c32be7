package org.townhall.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.townhall.accounts.AccountFixtures;
import org.townhall.support.Visitor;

/**
 * A flood from a botnet: at least 10,000 addresses, half IPv4 and half IPv6 (each in its own /64),
 * every one far below its own rate limit, aimed at 20 times the residents' request rate, so only
 * priority and load shedding can keep residents going. The flood is what a botnet sends a
 * council: sign-in attempts and PCN look-ups (bulk) and anonymous page views (normal).
 * Residents, signed in beforehand, each from their own address, go to their account, open their
 * council tax, start a payment and finish it (card page, card, receipt). Every loop is bounded in time.
 */
final class BotnetFlood {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    private static final int RESIDENTS = 8;
    private static final int FLOOD_CONNECTIONS = 48;
    /** Addresses in the botnet at least; more when the flood is fast enough that fewer would pass half the bulk limit. */
    private static final int MIN_ADDRESSES = 10_000;
    /** Steps of a resident's journey, for the time-per-step table. */
    private static final String[] STEPS = {"account page", "council tax page", "start payment", "card page", "card sent", "receipt"};

    private BotnetFlood() {
    }

    record Outcome(long journeys, long journeysOk, long paymentsStarted, long paymentsFinished, List<Long> latencies,
                   AtomicLongArray stepNanos, AtomicLongArray stepCounts, double seconds, long requests) {
        double p99Millis() {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
        }

        double journeySuccess() {
            return journeys == 0 ? 0 : (double) journeysOk / journeys;
        }

        double paymentSuccess() {
            return paymentsStarted == 0 ? 0 : (double) paymentsFinished / paymentsStarted;
        }

        double journeysPerSecond() {
            return journeysOk / seconds;
        }

        double stepMillis(int step) {
            return stepCounts.get(step) == 0 ? 0 : stepNanos.get(step) / 1e6 / stepCounts.get(step);
        }
    }

    static void run(int port, List<ShieldBench.Household> households, int seconds, int bulkPerMinute) throws Exception {
        System.out.println("\nBotnet flood: signing residents in ...");
        List<List<Resident>> perThread = new ArrayList<>();
        for (int t = 0; t < RESIDENTS; t++) {
            perThread.add(new ArrayList<>());
        }
        for (int i = 0; i < Math.min(40, households.size()); i++) {
            ShieldBench.Household h = households.get(i);
            Visitor visitor = new Visitor(port, "10.240." + (i / 250) + "." + (i % 250 + 1));
            visitor.get("/sign-in");
            Visitor.Page signedIn = visitor.post("/sign-in", "email", h.resident().email(), "password", AccountFixtures.PASSWORD);
            if (signedIn.location() == null || !signedIn.location().endsWith("/account")) {
                throw new IllegalStateException("a resident could not sign in before the flood: HTTP " + signedIn.status());
            }
            perThread.get(i % RESIDENTS).add(new Resident(visitor, h.councilTax()));
        }
        System.out.println("Botnet flood: warming up ...");
        journeys(port, perThread, Math.max(5, seconds / 2), 0, 0);
        Outcome alone = journeys(port, perThread, seconds, 0, 0);
        double floodRate = 20 * alone.requests() / alone.seconds();
        int addresses = (int) Math.max(MIN_ADDRESSES, Math.ceil(floodRate * 60 / (bulkPerMinute / 2.0)));
        // Long enough for every address of the botnet to send at least once (rates are per second, so
        // the phases compare however long each ran).
        int floodSeconds = (int) Math.max(seconds, Math.ceil(1.2 * addresses / floodRate));
        Outcome flooded = journeys(port, perThread, floodSeconds, floodRate, addresses);
        System.out.printf("%nBOTNET FLOOD (%d signed-in residents at a time; each journey: account, council tax, start a payment,"
                + " card page, card, receipt; %d s alone, %d s under flood)%n", RESIDENTS, seconds, floodSeconds);
        print("alone:      ", alone);
        print("under flood:", flooded);
        System.out.printf("  flood aimed at %.0f requests/s (20x the residents' %.0f/s) from %,d addresses (half IPv4, half IPv6 /64s),"
                        + " each at most %.1f requests a minute (bulk limit %d)%n",
                floodRate, alone.requests() / alone.seconds(), addresses, floodRate * 60 / addresses, bulkPerMinute);
        System.out.printf("  finishing a payment: success %.4f (aim >= 0.99)%n", flooded.paymentSuccess());
        System.out.printf("  signed-in journeys:  success %.4f (aim >= 0.95)%n", flooded.journeySuccess());
        System.out.printf("  p99 ratio %.2f (aim <= 3)%n", flooded.p99Millis() / alone.p99Millis());
        System.out.printf("  journeys completed per second: %.2f under flood against %.2f alone (ratio %.2f)%n",
                flooded.journeysPerSecond(), alone.journeysPerSecond(), flooded.journeysPerSecond() / alone.journeysPerSecond());
        System.out.printf("  time per step, mean ms (alone / under flood):");
        for (int s = 0; s < STEPS.length; s++) {
            System.out.printf(" %s %.0f/%.0f;", STEPS[s], alone.stepMillis(s), flooded.stepMillis(s));
        }
        System.out.println();
    }

    private static void print(String label, Outcome o) {
        System.out.printf("  %s %d journeys (%.2f completed/s), journeys succeeded %.4f, payments finished %d of %d started,"
                        + " %.0f requests/s, p99 %.1f ms%n", label, o.journeys(), o.journeysPerSecond(), o.journeySuccess(),
                o.paymentsFinished(), o.paymentsStarted(), o.requests() / o.seconds(), o.p99Millis());
    }

    private record Resident(Visitor visitor, String councilTax) {
    }

    private static Outcome journeys(int port, List<List<Resident>> perThread, int seconds, double floodPerSecond, int addresses)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RESIDENTS + FLOOD_CONNECTIONS);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong journeys = new AtomicLong();
        AtomicLong journeysOk = new AtomicLong();
        AtomicLong started = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLongArray stepNanos = new AtomicLongArray(STEPS.length);
        AtomicLongArray stepCounts = new AtomicLongArray(STEPS.length);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<Future<?>> work = new ArrayList<>();
        for (List<Resident> mine : perThread) {
            work.add(pool.submit(() -> {
                for (int n = 0; System.nanoTime() < end; n++) {
                    Journey j = new Journey(latencies, requests, stepNanos, stepCounts);
                    Resident r = mine.get(n % mine.size());
                    boolean ok = j.run(r);
                    journeys.incrementAndGet();
                    if (ok) {
                        journeysOk.incrementAndGet();
                    }
                    if (j.paymentStarted) {
                        started.incrementAndGet();
                        if (ok) {
                            finished.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        AtomicLong sent = new AtomicLong();
        AtomicLong next = new AtomicLong();
        Set<String> used = ConcurrentHashMap.newKeySet();
        for (int c = 0; c < FLOOD_CONNECTIONS && floodPerSecond > 0; c++) {
            double perConnection = floodPerSecond / FLOOD_CONNECTIONS;
            work.add(pool.submit(() -> {
                long from = System.nanoTime();
                long mineSent = 0;
                Socket socket = null;
                try {
                    while (System.nanoTime() < end) {
                        ShieldBench.paceTo(from, mineSent, perConnection);
                        long n = next.getAndIncrement();
                        String address = address((int) (n % addresses));
                        used.add(address);
                        try {
                            if (socket == null) {
                                socket = new Socket("127.0.0.1", port);
                                socket.setSoTimeout(10_000);
                            }
                            floodRequest(socket.getOutputStream(), new BufferedInputStream(socket.getInputStream()), n, address);
                        } catch (IOException e) {
                            // Refused or closed: a botnet just opens another connection.
                            closeQuietly(socket);
                            socket = null;
                        }
                        mineSent++;
                        sent.incrementAndGet();
                    }
                } finally {
                    closeQuietly(socket);
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double took = (System.nanoTime() - t0) / 1e9;
        if (floodPerSecond > 0) {
            System.out.printf("  (the botnet actually sent %.0f requests/s from %,d addresses)%n", sent.get() / took, used.size());
        }
        return new Outcome(journeys.get(), journeysOk.get(), started.get(), finished.get(), new ArrayList<>(latencies),
                stepNanos, stepCounts, took, requests.get());
    }

    /** The n-th address of the botnet: even ones IPv4 (198.18.0.0/15, set aside for benchmarks), odd ones each in its own IPv6 /64. */
    static String address(int n) {
        if (n % 2 == 0) {
            int i = n / 2;
            return "198." + (18 + (i >> 16)) + "." + (i >> 8 & 255) + "." + (i & 255);
        }
        int i = n / 2;
        return "2001:db8:" + Integer.toHexString(i >> 16) + ":" + Integer.toHexString(i & 0xffff) + "::" + Integer.toHexString(1 + n % 7);
    }

    /** Four in ten sign-in attempts, three in ten PCN look-ups, three in ten anonymous views of the PCN viewer. */
    private static void floodRequest(OutputStream out, InputStream in, long n, String address) throws IOException {
        switch ((int) (n % 10)) {
            case 0, 1, 2, 3 -> RawHttp.send(out, in, "POST", "/sign-in", address, "email=bot" + n + "%40example.net&password=guess" + n);
            case 4, 5, 6 -> RawHttp.send(out, in, "POST", "/parking", address, "pcnNumber=EB" + (10_000_000 + n % 9_000_000)
                    + "&registration=AB12CDE");
            default -> RawHttp.send(out, in, "GET", "/parking", address, null);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** One signed-in resident's journey, timed step by step. */
    private static final class Journey {
        private final ConcurrentLinkedQueue<Long> latencies;
        private final AtomicLong requests;
        private final AtomicLongArray stepNanos;
        private final AtomicLongArray stepCounts;
        boolean paymentStarted;

        Journey(ConcurrentLinkedQueue<Long> latencies, AtomicLong requests, AtomicLongArray stepNanos, AtomicLongArray stepCounts) {
            this.latencies = latencies;
            this.requests = requests;
            this.stepNanos = stepNanos;
            this.stepCounts = stepCounts;
        }

        boolean run(Resident r) {
            Visitor v = r.visitor();
            try {
                if (timed(0, () -> v.get("/account")).status() != 200) {
                    return false;
                }
                Visitor.Page account = timed(1, () -> v.get("/council-tax/" + r.councilTax()));
                Matcher key = KEY.matcher(account.body());
                if (account.status() != 200 || !key.find()) {
                    return false;
                }
                Visitor.Page card = timed(2, () -> v.post("/council-tax/" + r.councilTax() + "/pay",
                        "choice", "other", "amount", "1.00", "idempotencyKey", key.group(1)));
                if (card.location() == null) {
                    return false;
                }
                paymentStarted = true;
                String cardPath = URI.create(card.location()).getPath();
                if (timed(3, () -> v.get(cardPath)).status() != 200) {
                    return false;
                }
                Visitor.Page authorised = timed(4, () -> v.post(cardPath, "cardNumber", "4444333322221111", "expiry", "12/30",
                        "cardholderName", "Bench", "securityCode", "123"));
                if (authorised.location() == null) {
                    return false;
                }
                // "Confirm your payment", as on GOV.UK Pay: counted with the card step.
                Visitor.Page back = timed(4, () -> v.post(URI.create(authorised.location()).getPath()));
                if (back.location() == null) {
                    return false;
                }
                Visitor.Page receipt = timed(5, () -> v.open(URI.create(back.location()).getPath()));
                return receipt.status() == 200 && receipt.body().contains("Payment received");
            } catch (RuntimeException e) {
                return false;
            }
        }

        private Visitor.Page timed(int step, java.util.function.Supplier<Visitor.Page> call) {
            long started = System.nanoTime();
            Visitor.Page page = call.get();
            long took = System.nanoTime() - started;
            latencies.add(took);
            requests.incrementAndGet();
            stepNanos.addAndGet(step, took);
            stepCounts.incrementAndGet(step);
            return page;
        }
    }
}
