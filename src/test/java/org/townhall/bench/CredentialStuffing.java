package org.townhall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.townhall.accounts.AccountFixtures;
import org.townhall.support.Visitor;

/**
 * Phase 4 of {@link ShieldBench}: wrong-password sign-ins from thousands of addresses while
 * residents who have signed in from their browser before sign in again: their success rate.
 */
final class CredentialStuffing {

    private static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();
    /** Concurrent credential-stuffing clients: enough to push past what the server can hash. */
    private static final int ATTACKERS = 64;

    private CredentialStuffing() {
    }

    static void run(int port, List<ShieldBench.Household> households, int seconds) throws Exception {
        // Residents who have signed in from this browser before (the known-device cookie).
        List<Visitor> browsers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Visitor browser = new Visitor(port, "10.250.0." + (i + 1));
            browser.get("/sign-in");
            browser.post("/sign-in", "email", households.get(i).resident().email(), "password", AccountFixtures.PASSWORD);
            browsers.add(browser);
        }
        ShieldBench.Outcome alone = signIns(port, households, browsers, seconds / 2, 0);
        double attackRate = 50 * alone.requestsPerSecond();
        ShieldBench.Outcome attacked = signIns(port, households, browsers, seconds, attackRate);
        System.out.printf("%nCREDENTIAL STUFFING (wrong passwords for residents' and unknown emails, each attempt from a new address)%n");
        System.out.printf("  residents alone: %d sign-ins, success %.4f%n", alone.journeys(), alone.successRate());
        System.out.printf("  under attack:    %d sign-ins, success %.4f (aim >= 0.95); attack aimed at %.0f attempts/s%n",
                attacked.journeys(), attacked.successRate(), attackRate);
        if (!FAILURES.isEmpty()) {
            System.out.println("  residents' failed sign-ins: " + FAILURES);
        }
    }

    private static ShieldBench.Outcome signIns(int port, List<ShieldBench.Household> households, List<Visitor> browsers, int seconds, double attackPerSecond) throws Exception {
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
                    ShieldBench.paceTo(started, sent, perThread);
                    Visitor bot = new Visitor(port, ShieldBench.freshAddress(100 + ThreadLocalRandom.current().nextInt(20)));
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
        double took = ShieldBench.finish(work, pool, attackPerSecond > 0 ? "attack" : null, attackSent, "attempts");
        return new ShieldBench.Outcome(attempts.get(), succeeded.get(), attempts.get(), List.of(), took);
    }
}
