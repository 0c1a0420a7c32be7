package org.townhall.platform;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The production profile refuses to start half-configured. Missing keys, no external database,
 * no GOV.UK Notify or no public address would give residents a broken or unsafe service, so
 * Townhall stops before creating anything, with one message naming every missing setting (and
 * any in the wrong form), printed without a stack trace (StartRefused).
 * (A bean factory post-processor runs before any bean, the database pool included.)
 */
@Component
@Profile("production")
class ProductionReadiness implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = missingSettings(environment);
        if (!missing.isEmpty()) {
            throw new StartRefused("Townhall will not start in production without:\n    " + String.join(",\n    ", missing),
                    "Set each of these as an environment variable (or in a config tree) and start Townhall again. "
                            + "The README's 'Running in production' section says what each one is.");
        }
    }

    static List<String> missingSettings(Environment environment) {
        List<String> missing = new ArrayList<>();
        require(environment, "spring.datasource.url", "SPRING_DATASOURCE_URL (the external PostgreSQL)", missing);
        require(environment, "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", missing);
        require(environment, "townhall.keys.audit-hmac", "TOWNHALL_AUDIT_HMAC_KEY (the audit chain key, from your key store)", missing);
        require(environment, "townhall.keys.evidence-keyset", "TOWNHALL_EVIDENCE_KEYSET (the Tink keyset that wraps evidence keys)", missing);
        require(environment, "townhall.keys.fields", "TOWNHALL_FIELD_KEY (encrypts authenticator seeds, from your key store)", missing);
        require(environment, "townhall.notify.api-key", "TOWNHALL_NOTIFY_API_KEY (GOV.UK Notify)", missing);
        String notifyKey = environment.getProperty("townhall.notify.api-key");
        if (notifyKey != null && !notifyKey.isBlank() && NotifyApiKey.parse(notifyKey).isEmpty()) {
            // The value is a secret: say what shape it should have, never what was given.
            missing.add("TOWNHALL_NOTIFY_API_KEY in GOV.UK Notify's format (" + NotifyApiKey.FORMAT + "); the value set is not");
        }
        require(environment, "townhall.pay.api-key", "TOWNHALL_PAY_API_KEY (GOV.UK Pay; production never uses the sandbox)", missing);
        require(environment, "townhall.pay.webhook-secret", "TOWNHALL_PAY_WEBHOOK_SECRET (GOV.UK Pay webhook signing secret)", missing);
        if (!environment.getProperty("townhall.base-url", "").startsWith("https://")) {
            missing.add("TOWNHALL_BASE_URL (the public https:// address residents use)");
        }
        return missing;
    }

    private static void require(Environment environment, String property, String name, List<String> missing) {
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }
}
