package org.townhall.accounts.web;

import java.time.Duration;

/** A wait in words: "1 minute", "15 minutes", "30 seconds". */
final class Waits {

    private Waits() {
    }

    static String describe(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
