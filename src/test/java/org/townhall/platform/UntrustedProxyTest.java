package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** From a peer that is not a trusted proxy, X-Forwarded-For is ignored: the socket address counts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=10\\.9\\.9\\.9"})
@ActiveProfiles("test")
class UntrustedProxyTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aForgedForwardedForIsIgnored() throws Exception {
        assertThat(ForwardedFor.recordedAddressOf(port, jdbc, "203.0.113.5")).isEqualTo("127.0.0.1");
    }
}
