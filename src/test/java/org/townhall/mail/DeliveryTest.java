package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.smtp.RelayServer;
import org.townhall.support.TestClock;

/**
 * A message is delivered at most once and never lost: the council's mail server being down, the
 * relay stopping between acceptance and delivery, and a crash in the middle of a delivery.
 */
@MailRelayTest
class DeliveryTest {

    @Autowired RelayServer relay;
    @Autowired Delivery delivery;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired Quarantine quarantine;

    @BeforeEach
    void clean() throws Exception {
        delivery.deliverDue();
        MailPeers.clear();
    }

    @AfterEach
    void restore() {
        if (!MailPeers.downstream().isRunning()) {
            MailPeers.startDownstream();
        }
        if (!relay.isRunning()) {
            relay.start();
        }
        clock.reset();
    }

    private String accept(String subject) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            String reply = smtp.send("resident@example.net", "housing@eastbridge.example",
                    RelayTest.letter("resident@example.net", "housing@eastbridge.example", subject, "A leak in my kitchen ceiling."));
            assertThat(reply).startsWith("250");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    private String deliveryState(String ref) {
        return jdbc.sql("select d.state from mail_delivery d join mail_message m on m.id = d.message_id where m.public_ref = :ref")
                .param("ref", ref).query(String.class).single();
    }

    @Test
    void whileTheMailServerIsDownTheMessageWaitsWithBackOffVisibleToAnalystsThenArrivesOnce() throws Exception {
        MailPeers.stopDownstream();
        String ref = accept("Leak");
        assertThat(delivery.deliverDue()).isZero();
        assertThat(deliveryState(ref)).isEqualTo("WAITING");
        assertThat(quarantine.undelivered()).anySatisfy(m -> {
            assertThat(m.ref()).isEqualTo(ref);
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.lastError()).isNotBlank();
        });
        assertThat(delivery.deliverDue()).as("not due again before its back-off").isZero();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(delivery.deliverDue()).isZero();
        assertThat(quarantine.undelivered()).anySatisfy(m -> assertThat(m.attempts()).isEqualTo(2));
        MailPeers.startDownstream();
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertThat(delivery.deliverDue()).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(delivery.deliverDue()).isZero();
        assertThat(MailPeers.received()).hasSize(1);
        assertThat(deliveryState(ref)).isEqualTo("DELIVERED");
    }

    @Test
    void aRelayStoppedBetweenAcceptanceAndDeliveryLosesNothing() throws Exception {
        String ref = accept("Before the restart");
        relay.stop();
        relay.start();
        assertThat(deliveryState(ref)).isEqualTo("WAITING");
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(MailPeers.received()).hasSize(1);
    }

    @Test
    void aCrashBeforeTheFinalDotIsSentAgainOnceTheLeaseRunsOut() throws Exception {
        String ref = accept("Crash before the dot");
        // What a relay killed mid-send leaves behind: the delivery claimed, the final dot never sent.
        jdbc.sql("update mail_delivery set state = 'SENDING', lease_until = now() + interval '5 minutes' where message_id = "
                + "(select id from mail_message where public_ref = :ref)").param("ref", ref).update();
        assertThat(delivery.deliverDue()).as("another instance's claim is respected").isZero();
        clock.advance(Duration.ofMinutes(6));
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(MailPeers.received()).hasSize(1);
    }

    @Test
    void aCrashAfterTheFinalDotIsNeverSentBlindlyAgainButKeptForAnAnalyst() throws Exception {
        String ref = accept("Crash after the dot");
        jdbc.sql("update mail_delivery set state = 'ENDING', lease_until = now() - interval '1 minute' where message_id = "
                + "(select id from mail_message where public_ref = :ref)").param("ref", ref).update();
        assertThat(delivery.deliverDue()).isZero();
        assertThat(MailPeers.received()).isEmpty();
        assertThat(deliveryState(ref)).isEqualTo("UNCERTAIN");
        assertThat(quarantine.awaitingDecision()).anySatisfy(m -> assertThat(m.lastError()).contains("may already have it"));
        assertThat(quarantine.view(ref, "test").orElseThrow().contentKept()).isTrue();
        assertThat(quarantine.release(ref, "analyst")).as("sent again once an analyst has checked the mail server").isTrue();
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(MailPeers.received()).hasSize(1);
        assertThat(quarantine.release(ref, "analyst")).as("a delivered message is not sent again").isFalse();
    }
}
