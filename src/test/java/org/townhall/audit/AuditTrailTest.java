package org.townhall.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

@TownhallTest
class AuditTrailTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired EmbeddedServer database;

    private long record(String detail) {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because(detail),
                new ClientOrigin("2001:db8::1", "req-1", null));
        return jdbc.queryForObject("select max(id) from audit_event", Long.class);
    }

    @Test
    void anUntouchedTrailVerifiesIntact() {
        long anchor = record("anchor");
        record("one");
        record("two");
        ChainVerification result = trail.verifyAfter(anchor);
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(2);
    }

    @Test
    void theTriggerRefusesUpdateAndDeleteOfAuditRowsEvenToTheTablesOwner() {
        long id = record("kept");
        // Townhall's own role is refused by privileges first (ApplicationRoleTest); the trigger
        // still stands in the way of the owner, who would have to switch it off by name.
        JdbcClient owner = AsRole.owner(database);
        assertThatThrownBy(() -> owner.sql("update audit_event set detail = 'changed' where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_event where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("truncate audit_event").update()).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void verificationNamesARowAlteredBehindTheTriggersBack() {
        long anchor = record("anchor");
        long id = record("original");
        record("after");
        AsRole.tamperWithAuditRowThenPutItBack(database, id, () -> {
            ChainVerification result = trail.verifyAfter(anchor);
            assertThat(result.firstBrokenId()).isEqualTo(id);
            assertThat(result.problem()).contains("altered");
        }, "update audit_event set detail = 'forged' where id = ?", id);
    }

    @Test
    void verificationNamesTheRowAfterADeletedOne() {
        long anchor = record("anchor");
        long deleted = record("to be removed");
        long next = record("survivor");
        AsRole.tamperWithAuditRowThenPutItBack(database, deleted, () -> {
            ChainVerification result = trail.verifyAfter(anchor);
            assertThat(result.firstBrokenId()).isEqualTo(next);
            assertThat(result.problem()).contains("missing");
        }, "delete from audit_event where id = ?", deleted);
    }

    @Test
    void aFullVerificationFindsTamperingAnywhereInTheTrail() {
        long id = record("early");
        record("later");
        AsRole.tamperWithAuditRowThenPutItBack(database, id, () -> {
            ChainVerification result = trail.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isLessThanOrEqualTo(id);
        }, "update audit_event set outcome = 'SUCCESS' where id = ?", id);
    }

    @Test
    void rowsWrittenConcurrentlyFromManyThreadsStillFormOneUnbrokenChain() throws Exception {
        long anchor = record("before the rush");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    transactions.executeWithoutResult(s -> trail.record(AuditEntry.of(AuditAction.SIGN_IN_SUCCEEDED,
                            AuditOutcome.SUCCESS, Actor.system()), ClientOrigin.system()));
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        ChainVerification result = trail.verifyAfter(anchor);
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.rowsChecked()).isGreaterThanOrEqualTo(320);
    }

    @Test
    void anAuditRowRollsBackWithTheActItRecords() {
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from audit_event", Long.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            trail.record(AuditEntry.of(AuditAction.ROLE_GRANTED, AuditOutcome.SUCCESS, Actor.system()));
            throw new IllegalStateException("the act failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where id > ?", Long.class, before)).isZero();
    }

    @Test
    void aSlowStepAfterRecordingHoldsNoChainLock() {
        transactions.executeWithoutResult(status -> {
            trail.record(AuditEntry.of(AuditAction.ROLE_GRANTED, AuditOutcome.SUCCESS, Actor.system()),
                    new ClientOrigin("192.0.2.7", "req-slow-step", null));
            // The slow step (a provider call, a file scan) runs here, with the act already recorded.
            assertThat(chainLocksHeldByOthers()).isZero();
            assertThat(jdbc.queryForObject("select count(*) from audit_event where request_id = 'req-slow-step'",
                    Long.class)).as("not written until commit").isZero();
        });
        assertThat(jdbc.queryForObject("select count(*) from audit_event where request_id = 'req-slow-step'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void theRowsOfOneTransactionAreWrittenTogetherInTheOrderRecorded() {
        transactions.executeWithoutResult(status -> {
            for (String step : java.util.List.of("first", "second", "third")) {
                trail.record(AuditEntry.of(AuditAction.ROLE_GRANTED, AuditOutcome.SUCCESS, Actor.system()).because(step),
                        new ClientOrigin("192.0.2.8", "req-together", null));
            }
        });
        java.util.List<java.util.Map<String, Object>> rows = jdbc.queryForList(
                "select id, chain, detail from audit_event where request_id = 'req-together' order by id");
        assertThat(rows).extracting(r -> r.get("detail")).containsExactly("first", "second", "third");
        assertThat(rows).extracting(r -> r.get("chain")).containsOnly(rows.get(0).get("chain"));
        long first = (Long) rows.get(0).get("id");
        assertThat(trail.verifyAfter(first - 1).intact()).isTrue();
    }

    @Test
    void anInnerTransactionCommitsItsOwnRowsEvenWhenTheOuterRollsBack() {
        TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
        inner.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            trail.record(AuditEntry.of(AuditAction.ROLE_GRANTED, AuditOutcome.SUCCESS, Actor.system()),
                    new ClientOrigin("192.0.2.9", "req-outer", null));
            inner.executeWithoutResult(s -> trail.record(AuditEntry.of(AuditAction.ROLE_REVOKED, AuditOutcome.SUCCESS,
                    Actor.system()), new ClientOrigin("192.0.2.9", "req-inner", null)));
            throw new IllegalStateException("the outer act failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where request_id = 'req-outer'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where request_id = 'req-inner'", Long.class)).isEqualTo(1);
    }

    /** Chain locks held by any session, seen from a connection of its own. */
    private long chainLocksHeldByOthers() {
        return new TransactionTemplate(transactions.getTransactionManager()) {
            {
                setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            }
        }.execute(s -> jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and granted "
                + "and objid between ? and ?", Long.class,
                org.townhall.audit.store.AuditEventStore.CHAIN_LOCK,
                org.townhall.audit.store.AuditEventStore.CHAIN_LOCK + org.townhall.audit.store.AuditEventStore.CHAINS - 1));
    }
}
