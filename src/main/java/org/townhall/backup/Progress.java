package org.townhall.backup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How far a backup or restore has got: bytes so far against the estimate, the rate, and the
 * time left at that rate. Read by the command line and the staff page while the work runs.
 * It also keeps where the time went, step by step, so a slow backup says what made it slow.
 */
public final class Progress {

    private final String what;
    private final long expectedBytes;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private volatile String step = "starting";
    private final AtomicLongArray spent = new AtomicLongArray(Step.values().length);

    /**
     * The steps of a backup. Workers copy tables side by side, so the times are summed over them
     * and may add up to more than the time the backup took.
     */
    enum Step {
        WARM_UP("AES-GCM and SHA-256 compiled before use (CryptoWarmUp)"),
        SNAPSHOT("snapshot: sequences, audit heads, ledger sum"),
        COPY_TABLES("COPY out of PostgreSQL, tables"),
        COPY_EVIDENCE("COPY out of PostgreSQL, evidence objects"),
        ENCRYPT("encryption (streaming AES-GCM-HKDF)"),
        HASH("SHA-256 of the stored bytes"),
        WRITE("writing to the backup store"),
        PUBLISH("fsync and publish, once per file"),
        MANIFEST("manifest signed, written and fsynced"),
        ANCHOR("audit heads anchored in the store");

        final String description;

        Step(String description) {
            this.description = description;
        }
    }

    Progress(String what, long expectedBytes) {
        this.what = what;
        this.expectedBytes = Math.max(expectedBytes, 1);
    }

    void add(long count) {
        bytes.addAndGet(count);
    }

    void step(String step) {
        this.step = step;
    }

    void spent(Step step, long nanos) {
        spent.addAndGet(step.ordinal(), nanos);
    }

    /** Time spent in each step so far, in the order the steps happen; steps not taken are left out. */
    Map<Step, Duration> timeSpent() {
        Map<Step, Duration> times = new LinkedHashMap<>();
        for (Step s : Step.values()) {
            long nanos = spent.get(s.ordinal());
            if (nanos > 0) {
                times.put(s, Duration.ofNanos(nanos));
            }
        }
        return times;
    }

    public long bytes() {
        return bytes.get();
    }

    public long bytesPerSecond() {
        long nanos = Math.max(System.nanoTime() - startedNanos, 1);
        return (long) (bytes.get() / (nanos / 1e9));
    }

    /** At the rate so far; unknown (null) until there is a rate. */
    public Duration timeLeft() {
        long rate = bytesPerSecond();
        return rate <= 0 ? null : Duration.ofSeconds(Math.max(expectedBytes - bytes.get(), 0) / rate);
    }

    public int percent() {
        return (int) Math.min(99, bytes.get() * 100 / expectedBytes);
    }

    /** One line for the command line and the log: "backup 41% 120.3 MB at 35.1 MB/s, about 3 min left (audit_event)". */
    public String line() {
        Duration left = timeLeft();
        return String.format("%s %d%% %.1f MB at %.1f MB/s, %s (%s)", what, percent(), bytes() / 1e6,
                bytesPerSecond() / 1e6, left == null ? "time left unknown" : "about " + describe(left) + " left", step);
    }

    private static String describe(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
