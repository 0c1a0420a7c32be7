package org.townhall.mail;

import java.time.Instant;
import java.util.List;

/**
 * A security analyst declared a message phishing: its sender domain is now blocked and every
 * message of the same campaign found. Published for the incident register, which opens or joins
 * an incident for it.
 */
public record PhishingCampaignReported(String messageRef, String senderDomain, List<String> linkDomains,
                                       List<String> campaignMessageRefs, int recipientsReached, String reportedBy,
                                       Instant reportedAt) {
}
