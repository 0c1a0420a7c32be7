package org.townhall.notifications.delivery;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.platform.StartRefused;

/** GOV.UK Notify when an API key is configured; the log otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelConfiguration.NotifySettings.class)
class ChannelConfiguration {

    @Bean
    NotificationChannel notificationChannel(NotifySettings settings, Clock clock) {
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            return new LogChannel();
        }
        Map<String, String> templates = byTemplateName(settings.templates());
        // Every message needs its Notify template: refuse to start rather than fail a resident later.
        List<String> missing = Arrays.stream(NotificationTemplate.values()).map(Enum::name)
                .filter(name -> templates.get(name) == null || templates.get(name).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new StartRefused("GOV.UK Notify is configured but these templates have no id: "
                    + String.join(", ", missing.stream().map(name -> "TOWNHALL_NOTIFY_TEMPLATES_" + name).toList()),
                    "Set each to the id of its template in GOV.UK Notify (Templates, then the template, then its ID); "
                            + "the wording is in notifications.NotificationTemplate.");
        }
        return new GovukNotifyChannel(settings.apiKey(), settings.baseUrl(), templates, clock);
    }

    /**
     * Template ids keyed by template name. Environment variables reach a map with their keys
     * lower-cased and underscores turned to dots (TOWNHALL_NOTIFY_TEMPLATES_VERIFY_EMAIL becomes
     * "verify.email"), so keys are matched ignoring case and punctuation.
     */
    static Map<String, String> byTemplateName(Map<String, String> configured) {
        Map<String, String> ids = new HashMap<>();
        if (configured != null) {
            for (NotificationTemplate template : NotificationTemplate.values()) {
                configured.forEach((key, id) -> {
                    if (squash(key).equals(squash(template.name()))) {
                        ids.put(template.name(), id);
                    }
                });
            }
        }
        return ids;
    }

    private static String squash(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    @ConfigurationProperties("townhall.notify")
    record NotifySettings(String apiKey, String baseUrl, Map<String, String> templates) {
    }
}
