package org.townhall.evidence.inspect;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ClamAV when townhall.clamav.host is set; the built-in scanner otherwise. */
@Configuration(proxyBeanMethods = false)
class ScannerConfiguration {

    @Bean
    MalwareScanner malwareScanner(@Value("${townhall.clamav.host:}") String host,
                                  @Value("${townhall.clamav.port:3310}") int port,
                                  @Value("${townhall.clamav.timeout:PT30S}") Duration timeout) {
        return host.isBlank() ? new BuiltInScanner() : new ClamdScanner(host, port, timeout);
    }
}
