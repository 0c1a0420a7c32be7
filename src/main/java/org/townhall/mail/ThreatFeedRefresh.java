package org.townhall.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.townhall.mail.checks.ThreatFeeds;

/** Reads the threat-intelligence feed files again on a schedule, so a feed updated on disk applies without a restart. */
@Component
class ThreatFeedRefresh {

    private static final Logger log = LoggerFactory.getLogger(ThreatFeedRefresh.class);

    private final ThreatFeeds feeds;

    ThreatFeedRefresh(ThreatFeeds feeds) {
        this.feeds = feeds;
    }

    @Scheduled(fixedDelayString = "${townhall.mail.links.feed-refresh:PT15M}", initialDelayString = "${townhall.mail.links.feed-refresh:PT15M}")
    void refresh() {
        log.debug("Threat feeds reloaded: {} entries", feeds.reload());
    }
}
