package org.townhall.notifications.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.PostalAddress;

/** Letters in GOV.UK Notify's shape (POST /v2/notifications/letter), Notify played by WireMock. */
class GovukNotifyLetterTest {

    private static final String TEMPLATE_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

    @RegisterExtension final PlayedNotify notify = new PlayedNotify();
    private GovukNotifyChannel channel;

    @BeforeEach
    void aChannel() {
        channel = notify.channel(NotificationTemplate.BILLING_ACTIVATION_LETTER, TEMPLATE_ID);
    }

    @Test
    void postsALetterWithTheAddressLinesThePostcodeLastAndOurReference() throws Exception {
        notify.stubFor(post("/v2/notifications/letter").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "5e5c8c1f-2a1b-4c3d-9e8f-7a6b5c4d3e2f", "reference": "N-letter",
                         "content": {"subject": "Your activation code", "body": "..."},
                         "uri": "https://api.notifications.service.gov.uk/v2/notifications/5e5c8c1f-2a1b-4c3d-9e8f-7a6b5c4d3e2f",
                         "template": {"id": "%s", "version": 1, "uri": "https://api.notifications.service.gov.uk/v2/template/%s"},
                         "scheduled_for": null, "postage": "second"}
                        """.formatted(TEMPLATE_ID, TEMPLATE_ID))));
        Map<String, String> fields = new LinkedHashMap<>(Map.of("code", "7KQ2-M9XD-4HTP"));
        fields.putAll(PostalAddress.of("The council tax payer", "14 Elm Grove, Eastbridge", "eb14gr").personalisation());

        String id = channel.send("N-letter", NotificationTemplate.BILLING_ACTIVATION_LETTER, "ignored for letters", fields);

        assertThat(id).isEqualTo("5e5c8c1f-2a1b-4c3d-9e8f-7a6b5c4d3e2f");
        notify.verify(postRequestedFor(urlEqualTo("/v2/notifications/letter"))
                .withHeader("Authorization", matching("Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .withRequestBody(equalToJson("""
                        {"template_id": "%s", "reference": "N-letter",
                         "personalisation": {"code": "7KQ2-M9XD-4HTP", "address_line_1": "The council tax payer",
                            "address_line_2": "14 Elm Grove", "address_line_3": "Eastbridge", "address_line_4": "EB1 4GR"}}
                        """.formatted(TEMPLATE_ID), false, false)));
        assertThat(notify.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getBodyAsString()).doesNotContain("email_address"));
    }

    @Test
    void aRefusedLetterIsAFailedDeliveryThatNamesNoAddress() {
        notify.stubFor(post("/v2/notifications/letter").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status_code": 400, "errors": [{"error": "ValidationError", "message": "Last line of address must be a real UK postcode"}]}
                        """)));
        assertThatThrownBy(() -> channel.send("N-bad", NotificationTemplate.BILLING_ACTIVATION_LETTER, "",
                PostalAddress.of("The tenant", "Flat 6, Canal House", "EB3 2CH").personalisation()))
                .isInstanceOf(NotificationChannel.DeliveryFailed.class)
                .hasMessageContaining("N-bad").hasMessageContaining("400").hasMessageNotContaining("Canal House");
    }
}
