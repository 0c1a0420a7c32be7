package org.townhall.payments.provider;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * GOV.UK Pay when an API key is configured; otherwise the built-in sandbox, which production
 * refuses (ProductionReadiness names the missing key).
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    PaymentProvider paymentProvider(@Value("${townhall.pay.api-key:}") String apiKey,
                                    @Value("${townhall.pay.base-url}") String baseUrl,
                                    @Value("${townhall.pay.sandbox-slow-for:PT20S}") Duration slowFor,
                                    JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        if (apiKey != null && !apiKey.isBlank()) {
            return new GovukPayProvider(baseUrl, apiKey);
        }
        LoggerFactory.getLogger(ProviderConfiguration.class).warn(
                "Payments go to the built-in SANDBOX provider: no money moves. Set TOWNHALL_PAY_API_KEY for GOV.UK Pay.");
        return new SandboxProvider(jdbc, transactions, clock, slowFor);
    }
}
