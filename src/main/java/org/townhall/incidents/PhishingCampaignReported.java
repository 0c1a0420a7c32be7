package org.townhall.incidents;

import java.time.Instant;

/**
 * The hook for the mail screener: publish this (as a Spring application event) when it decides
 * that messages it quarantined are one phishing campaign. Detection opens one incident per
 * episode for it, with the sender's domain as an observable, and emails the duty analyst once.
 * {@code summary} is a short description with no message content (no bodies, no recipients).
 */
public record PhishingCampaignReported(String campaignRef, String senderDomain, long messages, long recipients,
                                       Instant firstSeen, String summary) {
}
