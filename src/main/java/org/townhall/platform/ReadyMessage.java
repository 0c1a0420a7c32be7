package org.townhall.platform;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Says where Townhall is, once it is ready to serve. */
@Component
class ReadyMessage {

    private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

    private final String baseUrl;
    private final CouncilProperties council;

    ReadyMessage(@Value("${townhall.base-url}") String baseUrl, CouncilProperties council) {
        this.baseUrl = baseUrl;
        this.council = council;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void ready() {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("Townhall for {} is ready at {} ({} ms after the JVM started)", council.name(), baseUrl, uptime);
    }
}
