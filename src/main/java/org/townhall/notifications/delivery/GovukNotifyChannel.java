package org.townhall.notifications.delivery;

import java.util.Map;
import org.townhall.notifications.NotificationTemplate;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;
import uk.gov.service.notify.SendEmailResponse;

/**
 * GOV.UK Notify: each template maps to a Notify template id, personalisation is sent as is, and
 * our outbox reference travels as Notify's reference so the two can be matched.
 */
class GovukNotifyChannel implements NotificationChannel {

    private final NotificationClient client;
    private final Map<String, String> templateIds;

    GovukNotifyChannel(String apiKey, String baseUrl, Map<String, String> templateIds) {
        this.client = new NotificationClient(apiKey, baseUrl);
        this.templateIds = Map.copyOf(templateIds);
    }

    @Override
    public String sendEmail(String reference, NotificationTemplate template, String emailAddress,
                            Map<String, String> personalisation) throws DeliveryFailed {
        String templateId = templateIds.get(template.name());
        if (templateId == null) {
            throw new DeliveryFailed("No GOV.UK Notify template id configured for " + template, null);
        }
        try {
            SendEmailResponse response = client.sendEmail(templateId, emailAddress, personalisation, reference);
            return response.getNotificationId().toString();
        } catch (NotificationClientException e) {
            // Notify's error text names the problem, never the recipient or the body.
            throw new DeliveryFailed("GOV.UK Notify refused " + reference + " with HTTP " + e.getHttpResult(), e);
        }
    }

    @Override
    public boolean forgetsDelivered() {
        return true;
    }
}
