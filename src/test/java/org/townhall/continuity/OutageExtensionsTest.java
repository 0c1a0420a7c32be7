package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.TownhallTest;

/**
 * The outage-extension algorithm over a service of 1,200 things with deadlines, each move recorded
 * in a table of this test's own (with the transaction that recorded it), so batching is counted in
 * commits rather than timed.
 */
@TownhallTest
class OutageExtensionsTest {

    @Autowired OutageExtensions extensions;
    @Autowired JdbcClient jdbc;
    @Autowired AuditTrail audit;
    @Autowired TransactionTemplate transactions;
    @Autowired EmbeddedServer server;

    private final ServiceOutageEnded outage = new ServiceOutageEnded("outage-" + System.nanoTime(), ResidentService.RENT_PAYMENTS,
            Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T15:00:00Z"));

    @BeforeEach
    void aTableOfMoves() {
        // The application role creates no tables (ADR 0022): the owner makes this one and lets it write.
        JdbcClient owner = AsRole.owner(server);
        owner.sql("create table if not exists test_outage_move (item bigint, outage text, xid xid8, primary key (item, outage))").update();
        owner.sql("grant select, insert, update, delete on test_outage_move to " + DatabaseRoles.APPLICATION.roleName()).update();
    }

    /** 1,200 things, every one swallowed; {@code onRecord} runs before each move is recorded. */
    private OutageDeadlines<Long> service(java.util.function.LongConsumer onRecord) {
        return new OutageDeadlines<>() {
            public boolean concerns(ResidentService service) {
                return service == ResidentService.RENT_PAYMENTS;
            }

            public List<Long> candidates() {
                return LongStream.rangeClosed(1, 1200).boxed().toList();
            }

            public boolean swallowed(Long item, ServiceOutageEnded o, int graceDays) {
                return true;
            }

            public List<LocalDate[]> lockAndWindowsGiven(Long item) {
                return List.of();
            }

            public boolean record(Long item, ServiceOutageEnded o, int days) {
                onRecord.accept(item);
                return jdbc.sql("insert into test_outage_move values (:item, :outage, pg_current_xact_id()) on conflict do nothing")
                        .param("item", item).param("outage", o.outageRef()).update() == 1;
            }

            public void tell(Long item, ServiceOutageEnded o, int days) {
            }
        };
    }

    private long moves(String column) {
        return jdbc.sql("select count(distinct " + column + ") from test_outage_move where outage = :o").param("o", outage.outageRef())
                .query(Long.class).single();
    }

    @Test
    void aJobCommitsInBatchesOfAtMostTheBatchSize() {
        assertThat(extensions.extend(outage, service(item -> { }), 500)).isEqualTo(1200);
        assertThat(moves("item")).isEqualTo(1200);
        assertThat(moves("xid")).as("transactions").isEqualTo(3);
        assertThat(jdbc.sql("select max(n) from (select count(*) n from test_outage_move where outage = :o group by xid) b")
                .param("o", outage.outageRef()).query(Long.class).single()).isEqualTo(500);
    }

    @Test
    void aJobStoppedHalfWayKeepsItsFinishedBatchesAndARunAgainMovesOnlyTheRest() {
        assertThatThrownBy(() -> extensions.extend(outage, service(item -> {
            if (item == 700) {
                throw new IllegalStateException("the instance stopped");
            }
        }), 500)).hasMessageContaining("stopped");
        assertThat(moves("item")).as("the first batch committed, the second rolled back").isEqualTo(500);

        assertThat(extensions.extend(outage, service(item -> { }), 500)).isEqualTo(700);
        assertThat(moves("item")).isEqualTo(1200);
    }

    @Test
    void aResidentsAuditedRequestCompletesWhileTheJobHoldsABatch() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> extensions.extend(outage, service(item -> {
            if (item == 600) {
                holding.countDown();
                await(release);
            }
        }), 500));
        try {
            assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(moves("item")).as("the batch before is already committed").isEqualTo(500);
            CompletableFuture<Void> resident = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s ->
                    audit.record(AuditEntry.of(AuditAction.STATEMENT_DOWNLOADED, AuditOutcome.SUCCESS, Actor.resident("res-batch"))
                            .about("res-batch"), new ClientOrigin("192.0.2.44", "req-during-batch", null))));
            resident.get(60, TimeUnit.SECONDS);
            assertThat(job).isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(job.get(60, TimeUnit.SECONDS)).isEqualTo(1200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
