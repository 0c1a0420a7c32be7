package org.townhall.notifications.delivery;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.townhall.notifications.NotificationTemplate;

/**
 * GOV.UK Notify played by WireMock, fresh for each test, and a Notify channel pointed at it with a
 * test key in Notify's shape. Register with {@code @RegisterExtension final PlayedNotify notify}.
 */
final class PlayedNotify extends WireMockServer implements BeforeEachCallback, AfterEachCallback {

    static final String SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506";
    static final String SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    static final String API_KEY = "townhall_test-" + SERVICE_ID + "-" + SECRET;

    PlayedNotify() {
        super(options().bindAddress("127.0.0.1").dynamicPort());
    }

    /** A channel that sends {@code template} as the Notify template {@code templateId}. */
    GovukNotifyChannel channel(NotificationTemplate template, String templateId) {
        return new GovukNotifyChannel(API_KEY, baseUrl(), Map.of(template.name(), templateId));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }
}
