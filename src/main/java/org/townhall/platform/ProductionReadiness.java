package org.townhall.platform;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The production profile refuses to start half-configured: no external database, no GOV.UK
 * Notify key or no public address means residents would get a broken service, so Townhall stops
 * with a message naming every missing setting at once.
 */
@Component
@Profile("production")
class ProductionReadiness {

    private static final List<String> TEMPLATES = List.of("VERIFY_EMAIL", "ALREADY_REGISTERED", "RESET_PASSWORD",
            "PASSWORD_CHANGED", "STAFF_SET_UP");

    ProductionReadiness(Environment environment) {
        List<String> missing = new ArrayList<>();
        require(environment, "spring.datasource.url", "SPRING_DATASOURCE_URL (the external PostgreSQL)", missing);
        require(environment, "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", missing);
        require(environment, "townhall.notify.api-key", "TOWNHALL_NOTIFY_API_KEY (GOV.UK Notify)", missing);
        for (String template : TEMPLATES) {
            require(environment, "townhall.notify.templates." + template,
                    "TOWNHALL_NOTIFY_TEMPLATES_" + template + " (its GOV.UK Notify template id)", missing);
        }
        String baseUrl = environment.getProperty("townhall.base-url", "");
        if (!baseUrl.startsWith("https://")) {
            missing.add("TOWNHALL_BASE_URL (the public https:// address residents use)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Townhall will not start in production without: " + String.join(", ", missing));
        }
    }

    private static void require(Environment environment, String property, String name, List<String> missing) {
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }
}
