package org.townhall.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole application, so tests move time instead of sleeping (house rule 7). */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /** Statutory days and times shown to residents are in the council's own time zone. */
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Bean
    Clock clock() {
        return Clock.system(LONDON);
    }
}
