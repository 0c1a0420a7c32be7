package org.townhall.accounts;

import java.util.List;
import org.townhall.support.Browser;

/**
 * The sign-out warnings' long timers (a minute or more), held instead of run, so a browser test
 * can move a page's time on by firing them itself: waiting half an hour, or twelve, is not a test.
 * The page's own script does everything else for real.
 */
final class HeldTimers {

    /**
     * Holds every timer of a minute or more; window.__held() lists them, window.__fire(id) moves the
     * page's clock (Date.now) on to that timer's time and runs it, as if the time had passed.
     */
    private static final String SCRIPT = """
            (() => {
              const realSet = window.setTimeout, realClear = window.clearTimeout, realNow = Date.now, held = new Map();
              let next = 1000000, skipped = 0;
              Date.now = () => realNow() + skipped;
              window.setTimeout = (fn, delay, ...args) => {
                if (delay >= 60000) { const id = next++; held.set(id, { fn, delay, at: Date.now() + delay }); return id; }
                return realSet(fn, delay, ...args);
              };
              window.clearTimeout = (id) => { if (!held.delete(id)) { realClear(id); } };
              window.__held = () => [...held.entries()].map(([id, t]) => [id, t.delay]).sort((a, b) => a[1] - b[1]);
              window.__fire = (id) => {
                const t = held.get(id); held.delete(id);
                skipped += Math.max(0, t.at - Date.now());
                t.fn();
              };
            })();""";

    private final Browser browser;

    private HeldTimers(Browser browser) {
        this.browser = browser;
    }

    /** A browser whose every page holds its long timers. */
    static HeldTimers in(Browser browser) {
        browser.beforeEveryPage(SCRIPT);
        return new HeldTimers(browser);
    }

    /** The page's held timers as [id, delay in ms], shortest delay first. */
    @SuppressWarnings("unchecked")
    List<List<Long>> held() {
        return ((List<List<Number>>) browser.evaluate("return window.__held();")).stream()
                .map(timer -> timer.stream().map(Number::longValue).toList()).toList();
    }

    /** The delays alone, shortest first. */
    List<Long> delays() {
        return held().stream().map(timer -> timer.get(1)).toList();
    }

    /** Runs the held timer at this place in {@link #held()}, as if its time had come. */
    void fire(int index) {
        browser.evaluate("window.__fire(window.__held()[" + index + "][0]); return null;");
    }

    /** Waits, up to 30 seconds on a busy machine, for a script's condition to hold on the page. */
    void waitFor(String condition) {
        for (int tries = 0; tries < 300; tries++) {
            try {
                if (Boolean.TRUE.equals(browser.evaluate(condition))) {
                    return;
                }
            } catch (org.openqa.selenium.JavascriptException navigating) {
                // The page went while the condition was asked: ask the next one.
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("Never happened: " + condition);
    }
}
