package org.townhall.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.townhall.mail.MailSettings;

/** Where the relay cannot listen: locally Townhall starts without it, in production it does not start. */
class RelayServerTest {

    private static MailSettings on(int port) {
        return new MailSettings(null, new MailSettings.Relay(port, "127.0.0.1", null, null, null, null, null, null, null, null),
                null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aPortAlreadyTakenLeavesTheRelayStoppedLocallyWithoutStoppingTownhall() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RelayServer relay = new RelayServer(on(taken.getLocalPort()), null, null, null, null, Clock.systemUTC(), false);
            relay.start();
            assertThat(relay.isRunning()).isFalse();
        }
    }

    @Test
    void productionRefusesToStartTheRelayWithoutAMailServerAndACertificate() {
        RelayServer relay = new RelayServer(on(0), null, null, null, null, Clock.systemUTC(), true);
        assertThatThrownBy(relay::start).hasMessageContaining("TOWNHALL_MAIL_DOWNSTREAM_HOST")
                .hasMessageContaining("TOWNHALL_MAIL_TLS_CERTIFICATE");
    }
}
