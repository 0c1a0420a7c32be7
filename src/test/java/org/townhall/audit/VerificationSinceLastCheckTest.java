package org.townhall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

@TownhallTest
class VerificationSinceLastCheckTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcTemplate jdbc;
    @Autowired EmbeddedServer server;

    /** Other tests alter rows on purpose; each test here starts with every chain verified to its end. */
    @BeforeEach
    void everyChainVerifiedToItsNewestRow() {
        jdbc.update("delete from audit_chain_verified");
        jdbc.update("""
                insert into audit_chain_verified (chain, through_id, row_hash, verified_at)
                select distinct on (chain) chain, id, row_hash, now() from audit_event order by chain, id desc""");
    }

    private long record(String requestId) {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because("check"),
                new ClientOrigin("192.0.2.7", requestId, null));
        return jdbc.queryForObject("select max(id) from audit_event", Long.class);
    }

    @Test
    void aCheckWalksOnlyTheRowsAddedSinceTheLastCheck() {
        record("req-a");
        record("req-b");
        record("req-c");
        ChainVerification first = trail.verifySinceLastCheck();
        assertThat(first.intact()).as(first.problem()).isTrue();
        assertThat(first.rowsChecked()).isEqualTo(3);

        record("req-d");
        ChainVerification second = trail.verifySinceLastCheck();
        assertThat(second.intact()).isTrue();
        assertThat(second.rowsChecked()).isEqualTo(1);
    }

    @Test
    void aRowAlteredSinceTheLastCheckIsNamed() {
        record("req-e");
        long altered = record("req-e");
        AsRole.tamperWithAuditRowThenPutItBack(server, altered, () -> {
            ChainVerification result = trail.verifySinceLastCheck();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(altered);
            assertThat(trail.verifySinceLastCheck().firstBrokenId()).as("named again until someone acts").isEqualTo(altered);
        }, "update audit_event set detail = 'forged' where id = ?", altered);
    }

    @Test
    void aRowRemovedRightAfterTheMarkIsNoticed() {
        long first = record("req-f");
        long second = record("req-f");
        AsRole.tamperWithAuditRowThenPutItBack(server, first,
                () -> assertThat(trail.verifySinceLastCheck().firstBrokenId()).isEqualTo(second),
                "delete from audit_event where id = ?", first);
    }
}
