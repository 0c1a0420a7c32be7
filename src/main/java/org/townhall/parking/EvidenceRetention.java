package org.townhall.parking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.evidence.EvidenceVault;
import org.townhall.parking.store.CaseStore;

/**
 * Evidence is kept only as long as the council needs it: a set period after its case closes
 * (townhall.parking.evidence-retention, by default two years, long enough for any appeal and
 * complaint), then its keys and content are destroyed. Runs nightly on one instance.
 */
@Service
public class EvidenceRetention {

    private static final Logger log = LoggerFactory.getLogger(EvidenceRetention.class);
    private static final long RETENTION_LOCK = 0x7A0D19L;

    private final CaseStore cases;
    private final EvidenceVault vault;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    EvidenceRetention(CaseStore cases, EvidenceVault vault, JdbcClient jdbc, Clock clock,
                      @Value("${townhall.parking.evidence-retention:P730D}") Duration retention) {
        this.cases = cases;
        this.vault = vault;
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(cron = "${townhall.parking.evidence-retention-cron:0 30 1 * * *}", zone = "Europe/London")
    @Transactional
    public int destroyExpiredEvidence() {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", RETENTION_LOCK).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        Instant now = clock.instant();
        int documents = 0;
        for (String caseRef : cases.evidenceDueForDestruction(now.minus(retention), 1000)) {
            documents += vault.destroyCase(caseRef, "retention period of " + retention.toDays() + " days after the case closed");
            cases.markEvidenceDestroyed(caseRef, now);
        }
        if (documents > 0) {
            log.info("Destroyed {} evidence documents whose retention period had ended", documents);
        }
        return documents;
    }
}
