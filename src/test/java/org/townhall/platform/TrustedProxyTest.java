package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.townhall.support.RawRequest;

/** Behind a trusted proxy, the forwarded client address is the one recorded and throttled. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"})
@ActiveProfiles("test")
class TrustedProxyTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void theForwardedClientAddressIsRecorded() throws Exception {
        assertThat(ForwardedFor.recordedAddressOf(port, jdbc, "203.0.113.5")).isEqualTo("203.0.113.5");
    }

    @Test
    void tomcatsOwnRefusalsCarryHstsWhenTheProxyReceivedThemOverTls() {
        RawRequest.Answer trace = RawRequest.send(port, "TRACE / HTTP/1.1", "Host: localhost", "X-Forwarded-Proto: https");
        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.all("Strict-Transport-Security")).containsExactly("max-age=31536000 ; includeSubDomains");
        RawRequest.Answer page = RawRequest.send(port, "GET /sign-in HTTP/1.1", "Host: localhost", "X-Forwarded-Proto: https");
        assertThat(page.all("Strict-Transport-Security")).as("once, from whichever writes it first").hasSize(1);
    }
}
