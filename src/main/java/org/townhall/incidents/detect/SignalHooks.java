package org.townhall.incidents.detect;

import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.townhall.incidents.ObservableKind;
import org.townhall.incidents.BackupFailed;
import org.townhall.incidents.RestoreDrillFailed;
import org.townhall.mail.PhishingCampaignReported;

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
        // The sender's domain and every domain the campaign linked to are observables, so the
        // analyst sees at once which other incidents share them (one kind of lure, many waves).
        List<Signal.Observed> observed = new java.util.ArrayList<>();
        observe(observed, ObservableKind.EMAIL_DOMAIN, campaign.senderDomain());
        campaign.linkDomains().forEach(domain -> observe(observed, ObservableKind.EMAIL_DOMAIN, domain));
        opener.signal(new Signal(SignalKind.PHISHING_CAMPAIGN, "message " + campaign.messageRef() + " was declared phishing by "
                + campaign.reportedBy() + " at " + campaign.reportedAt() + ": " + campaign.campaignMessageRefs().size()
                + " messages of the campaign reached " + campaign.recipientsReached() + " recipients from "
                + campaign.senderDomain() + (campaign.linkDomains().isEmpty() ? "" : ", linking to " + String.join(", ",
                campaign.linkDomains())) + ".", null, List.copyOf(observed)));
    }

    /** Adds a value the register can store; one it cannot (not a domain) stays in the text only. */
    private static void observe(List<Signal.Observed> observed, ObservableKind kind, String value) {
        if (value != null && kind.normalise(value).isPresent()
                && observed.stream().noneMatch(o -> o.value().equalsIgnoreCase(value))) {
            observed.add(new Signal.Observed(kind, value));
        }
    }

    @ApplicationModuleListener
    void on(RestoreDrillFailed drill) {
        opener.signal(Signal.of(SignalKind.RESTORE_DRILL_FAILED, "restore drill " + drill.drillRef() + " failed at "
                + drill.failedAt() + ": " + drill.reason()));
    }

    /**
     * A failed or missed backup: until one succeeds, the recovery point ransomware would leave
     * the council with grows by the hour. One incident per episode, however many nights fail.
     */
    @ApplicationModuleListener
    void on(BackupFailed backup) {
        opener.signal(Signal.of(SignalKind.BACKUP_FAILED, "backup failed at " + backup.at() + ": " + backup.problem()
                + "; the last good backup " + (backup.lastGoodBackup() == null ? "does not exist" : "was taken at " + backup.lastGoodBackup())
                + "."));
    }
}
