package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;
import org.townhall.TownhallApplication;

@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    private static final String NOTIFY_KEY =
            "townhall_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

    private static MockEnvironment complete() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal/townhall")
                .withProperty("spring.datasource.password", "from-the-key-store")
                .withProperty("townhall.keys.audit-hmac", Base64.getEncoder().encodeToString(new byte[32]))
                .withProperty("townhall.keys.fields", Base64.getEncoder().encodeToString(new byte[32]))
                .withProperty("townhall.notify.api-key", NOTIFY_KEY)
                .withProperty("townhall.pay.api-key", "key")
                .withProperty("townhall.pay.webhook-secret", "secret")
                .withProperty("townhall.base-url", "https://services.eastbridge.example");
        environment.setProperty("townhall.keys.evidence-keyset", "{}");
        return environment;
    }

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
    void theRefusalIsPrintedAsTheMessageAndWhatToDoWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TownhallApplication.class)
                .profiles("production").properties("server.port=0").run().close())
                .isInstanceOf(StartRefused.class);
        String printed = output.getAll();
        assertThat(printed).contains("APPLICATION FAILED TO START").contains("Description:")
                .contains("Townhall will not start in production without:").contains("TOWNHALL_AUDIT_HMAC_KEY")
                .contains("Action:").contains("Running in production");
        assertThat(printed).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:")
                .doesNotContain("Application run failed");
    }

    @Test
    void aRefusalWrappedInABeanFailureIsStillPrintedAsItsMessageAndAction() {
        StartRefused refused = new StartRefused("TOWNHALL_NOTIFY_API_KEY is not a GOV.UK Notify API key", "Set it to the whole key.");
        FailureAnalysis analysis = new StartRefusedAnalyzer()
                .analyze(new BeanCreationException("notificationChannel", "Failed to instantiate", refused));
        assertThat(analysis.getDescription()).isEqualTo("TOWNHALL_NOTIFY_API_KEY is not a GOV.UK Notify API key");
        assertThat(analysis.getAction()).isEqualTo("Set it to the whole key.");
    }

    @Test
    void aCompleteConfigurationHasNothingMissing() {
        assertThat(ProductionReadiness.missingSettings(complete())).isEmpty();
    }

    @Test
    void aNotifyKeyNotInNotifysFormatIsRefusedWithTheFormatAndWithoutTheKey() {
        for (String wrong : new String[] {"26785a09-ab16-4eb0-8407-a37497a57506", "3d844edf-8d35-48ac-975b-e847b4f122b0",
                "townhall_live 26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0",
                "townhall_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b",
                "26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"}) {
            MockEnvironment environment = complete().withProperty("townhall.notify.api-key", wrong);
            assertThat(ProductionReadiness.missingSettings(environment)).as(wrong).singleElement().asString()
                    .contains("TOWNHALL_NOTIFY_API_KEY").contains("my_key_name-<service id>-<secret key>")
                    .doesNotContain("3d844edf").doesNotContain("26785a09");
        }
    }
}
