package org.townhall.incidents.detect;

import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.townhall.incidents.ObservableKind;
import org.townhall.incidents.PhishingCampaignReported;
import org.townhall.incidents.RestoreDrillFailed;

/**
 * Signals other modules publish rather than record: the mail screener's phishing campaigns and
 * failed restore drills. Handled after the publisher commits, from the event publication
 * registry, so a crash in between does not lose one.
 */
@Component
class SignalHooks {

    private final EpisodeOpener opener;

    SignalHooks(EpisodeOpener opener) {
        this.opener = opener;
    }

    @ApplicationModuleListener
    void on(PhishingCampaignReported campaign) {
        opener.signal(new Signal(SignalKind.PHISHING_CAMPAIGN, "campaign " + campaign.campaignRef() + ": "
                + campaign.messages() + " messages to " + campaign.recipients() + " recipients from " + campaign.senderDomain()
                + " since " + campaign.firstSeen() + ". " + (campaign.summary() == null ? "" : campaign.summary()), null,
                campaign.senderDomain() == null ? List.of() : List.of(new Signal.Observed(ObservableKind.EMAIL_DOMAIN, campaign.senderDomain()))));
    }

    @ApplicationModuleListener
    void on(RestoreDrillFailed drill) {
        opener.signal(Signal.of(SignalKind.RESTORE_DRILL_FAILED, "restore drill " + drill.drillRef() + " failed at "
                + drill.failedAt() + ": " + drill.reason()));
    }
}
