package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townhall.audit.AuditAnchor;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every morning the auditors are emailed a fresh signed checkpoint of the audit trail, through the
 * outbox, once a day however many instances run the job. Each test runs on a day of its own, long
 * ago, so the days other tests send on are never its.
 */
@TownhallTest
class AuditCheckpointEmailTest {

    private static final String AUDITOR = "auditor@example.com";

    @Autowired AuditCheckpointEmails emails;
    @Autowired AuditAnchors anchors;
    @Autowired BackupKeys keys;
    @Autowired Outbox outbox;
    @Autowired TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    private JsonNode lastCheckpointTo(String auditor) {
        return JsonMapper.builder().build().readTree(outbox.lastFields(auditor, "AUDIT_CHECKPOINT"));
    }

    @Test
    void everyAuditorIsEmailedTheCheckpointJustSigned() {
        clock.advance(Duration.ofDays(-1000));
        AuditAnchor sent = emails.emailToday().orElseThrow();

        for (String auditor : new String[] {AUDITOR, "second.auditor@example.com"}) {
            JsonNode fields = lastCheckpointTo(auditor);
            assertThat(fields.get("anchor").asString()).isEqualTo(sent.name());
            assertThat(fields.get("heads").asString()).contains("Chain " + sent.heads().get(0).chain() + ": record "
                    + sent.heads().get(0).id() + ", hash " + sent.heads().get(0).rowHash());
        }
    }

    @Test
    void theEmailedCheckpointIsExactlyWhatTheInstallationSigned() throws Exception {
        clock.advance(Duration.ofDays(-1010));
        AuditAnchor sent = emails.emailToday().orElseThrow();

        String signed = lastCheckpointTo(AUDITOR).get("signed").asString();
        int newline = signed.indexOf('\n');
        byte[] body = signed.substring(newline + 1).getBytes(StandardCharsets.UTF_8);
        keys.verify(Base64.getDecoder().decode(signed.substring(0, newline)), body);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(sent.name());
    }

    @Test
    void aSecondRunTheSameDaySendsNothing() {
        clock.advance(Duration.ofDays(-1020));
        assertThat(emails.emailToday()).isPresent();
        int sent = outbox.templatesSentTo(AUDITOR).size();

        assertThat(emails.emailToday()).isEmpty();
        assertThat(outbox.templatesSentTo(AUDITOR)).hasSize(sent);
    }

    @Test
    void theNextDayIsSentAgain() {
        clock.advance(Duration.ofDays(-1030));
        assertThat(emails.emailToday()).isPresent();

        clock.advance(Duration.ofDays(1));
        assertThat(emails.emailToday()).isPresent();
    }
}
