package org.townhall.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The council Townhall serves, as residents see it on every page. */
@ConfigurationProperties("townhall.council")
public record CouncilProperties(String name, String serviceName) {
}
