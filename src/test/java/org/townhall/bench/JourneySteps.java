package org.townhall.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Time and database work per step of a resident's payment, summed over every journey a bench
 * runs on any thread: what each step costs, so a figure short of its aim says where the time goes.
 */
final class JourneySteps {

    /** The steps of a payment, each one request of the resident's browser. */
    enum Step {
        START("start (pay form: account, guard, provider creates, payment row)"),
        CARD_PAGE("provider's card page opened"),
        CARD_DETAILS("card details sent (authorised)"),
        CONFIRM_PAGE("\"Confirm your payment\" page"),
        CONFIRM("confirmed (money taken)"),
        RETURN("return from provider (settled: ledger, event, audit, receipt email)"),
        RECEIPT_PAGE("receipt page");

        final String what;

        Step(String what) {
            this.what = what;
        }
    }

    private final Map<Step, LongAdder[]> sums = new EnumMap<>(Step.class);

    JourneySteps() {
        for (Step step : Step.values()) {
            sums.put(step, new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
        }
    }

    <T> T time(Step step, Supplier<T> work) {
        RoundTrips.reset();
        long start = System.nanoTime();
        T result = work.get();
        long nanos = System.nanoTime() - start;
        long[] sent = RoundTrips.read();
        LongAdder[] sum = sums.get(step);
        sum[0].increment();
        sum[1].add(nanos);
        sum[2].add(sent[0]);
        sum[3].add(sent[1]);
        sum[4].add(sent[2]);
        sum[5].add(sent[3]);
        return result;
    }

    void clear() {
        sums.values().forEach(adders -> {
            for (LongAdder adder : adders) {
                adder.reset();
            }
        });
    }

    /** Per step: mean time at the bench's concurrency, statements, transactions and commits per payment. */
    void print() {
        System.out.printf("%nPer step of one payment (mean over the measured payments, at the bench's concurrency):%n");
        System.out.printf("  %-72s %9s %11s %11s %13s %8s%n", "step", "ms", "statements", "provider's", "transactions", "commits");
        double totalMs = 0, totalStatements = 0, totalProvider = 0, totalTransactions = 0, totalCommits = 0;
        for (Step step : Step.values()) {
            LongAdder[] sum = sums.get(step);
            double n = Math.max(1, sum[0].sum());
            double ms = sum[1].sum() / n / 1e6, statements = sum[2].sum() / n, transactions = sum[3].sum() / n, commits = sum[4].sum() / n;
            double provider = sum[5].sum() / n;
            totalProvider += provider;
            totalMs += ms;
            totalStatements += statements;
            totalTransactions += transactions;
            totalCommits += commits;
            System.out.printf("  %-72s %9.2f %11.1f %11.1f %13.1f %8.1f%n", step.what, ms, statements, provider, transactions, commits);
        }
        System.out.printf("  %-72s %9.2f %11.1f %11.1f %13.1f %8.1f%n", "whole payment", totalMs, totalStatements, totalProvider,
                totalTransactions, totalCommits);
        System.out.println("  (provider's: statements on the sandbox provider's own books; a statement in auto-commit is a transaction of its"
                + " own; a commit is a round trip of its own)");
    }
}
