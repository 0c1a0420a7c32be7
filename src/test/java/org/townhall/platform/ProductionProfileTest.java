package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;
import org.townhall.TownhallApplication;

class ProductionProfileTest {

    @Test
    void refusesToStartWithoutItsSecretsAndNamesEveryMissingOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TownhallApplication.class)
                .profiles("production").properties("server.port=0").run().close())
                .hasMessageContaining("will not start in production")
                .hasMessageContaining("SPRING_DATASOURCE_URL")
                .hasMessageContaining("TOWNHALL_AUDIT_HMAC_KEY")
                .hasMessageContaining("TOWNHALL_FIELD_KEY")
                .hasMessageContaining("TOWNHALL_NOTIFY_API_KEY")
                .hasMessageContaining("TOWNHALL_PAY_API_KEY")
                .hasMessageContaining("TOWNHALL_PAY_WEBHOOK_SECRET")
                .hasMessageContaining("TOWNHALL_BASE_URL");
    }

    @Test
    void aCompleteConfigurationHasNothingMissing() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal/townhall")
                .withProperty("spring.datasource.password", "from-the-key-store")
                .withProperty("townhall.keys.audit-hmac", Base64.getEncoder().encodeToString(new byte[32]))
                .withProperty("townhall.keys.fields", Base64.getEncoder().encodeToString(new byte[32]))
                .withProperty("townhall.notify.api-key", "key")
                .withProperty("townhall.pay.api-key", "key")
                .withProperty("townhall.pay.webhook-secret", "secret")
                .withProperty("townhall.base-url", "https://services.eastbridge.example");
        environment.setProperty("townhall.keys.evidence-keyset", "{}");
        assertThat(ProductionReadiness.missingSettings(environment)).isEmpty();
    }
}
