package org.townhall.mail.checks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long each step of screening took in total since the relay started (reading DATA, parsing,
 * each named check, storing, delivering): the figures that say where a slow relay spends its
 * time, printed by bench/mail.sh. Two clock readings per step; nothing per message is kept.
 */
public final class StepTimes {

    private final Map<String, LongAdder[]> steps = new ConcurrentHashMap<>();

    public void add(String step, long nanos) {
        LongAdder[] totals = steps.computeIfAbsent(step, s -> new LongAdder[] {new LongAdder(), new LongAdder()});
        totals[0].add(nanos);
        totals[1].increment();
    }

    /** Runs a step and records how long it took. */
    public <T> T time(String step, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(step, System.nanoTime() - start);
        }
    }

    /** Each step's total nanoseconds and how many times it ran, by step name. */
    public Map<String, long[]> totals() {
        Map<String, long[]> out = new TreeMap<>();
        steps.forEach((step, t) -> out.put(step, new long[] {t[0].sum(), t[1].sum()}));
        return out;
    }

    public void reset() {
        steps.clear();
    }
}
