package org.townhall.notifications.delivery;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** GOV.UK Notify when an API key is configured; the log otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelConfiguration.NotifySettings.class)
class ChannelConfiguration {

    @Bean
    NotificationChannel notificationChannel(NotifySettings settings) {
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            return new LogChannel();
        }
        return new GovukNotifyChannel(settings.apiKey(), settings.baseUrl(),
                settings.templates() == null ? Map.of() : settings.templates());
    }

    @ConfigurationProperties("townhall.notify")
    record NotifySettings(String apiKey, String baseUrl, Map<String, String> templates) {
    }
}
