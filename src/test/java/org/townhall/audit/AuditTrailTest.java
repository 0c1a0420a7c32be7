package org.townhall.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.TownhallTest;

@TownhallTest
class AuditTrailTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;

    private long record(String detail) {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because(detail),
                new ClientOrigin("2001:db8::1", "req-1", null));
        return jdbc.queryForObject("select max(id) from audit_event", Long.class);
    }

    /** What a superuser could do: switch the append-only trigger off for one statement. */
    private void asSuperuserBypassingTrigger(String sql, Object... args) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("set local session_replication_role = replica");
            jdbc.update(sql, args);
        });
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
    void databaseRefusesUpdateAndDeleteOfAuditRows() {
        long id = record("kept");
        assertThatThrownBy(() -> jdbc.update("update audit_event set detail = 'changed' where id = ?", id))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event where id = ?", id))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event")).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void verificationNamesARowAlteredBehindTheTriggersBack() {
        long anchor = record("anchor");
        long id = record("original");
        record("after");
        asSuperuserBypassingTrigger("update audit_event set detail = 'forged' where id = ?", id);
        ChainVerification result = trail.verifyAfter(anchor);
        assertThat(result.firstBrokenId()).isEqualTo(id);
        assertThat(result.problem()).contains("altered");
    }

    @Test
    void verificationNamesTheRowAfterADeletedOne() {
        long anchor = record("anchor");
        long deleted = record("to be removed");
        long next = record("survivor");
        asSuperuserBypassingTrigger("delete from audit_event where id = ?", deleted);
        ChainVerification result = trail.verifyAfter(anchor);
        assertThat(result.firstBrokenId()).isEqualTo(next);
        assertThat(result.problem()).contains("missing");
    }

    @Test
    void aFullVerificationFindsTamperingAnywhereInTheTrail() {
        long id = record("early");
        record("later");
        asSuperuserBypassingTrigger("update audit_event set outcome = 'SUCCESS' where id = ?", id);
        ChainVerification result = trail.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenId()).isLessThanOrEqualTo(id);
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
}
