package org.townhall.platform.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.townhall.platform.CouncilContact;
import org.townhall.platform.KnownBrowsers;

/**
 * The pages every page's footer and beta banner link to, open to anyone signed in or not: the
 * accessibility statement (Public Sector Bodies (Websites and Mobile Applications) (No. 2)
 * Accessibility Regulations 2018, reg 8), the privacy notice (UK GDPR art. 13), the cookies Townhall
 * sets (PECR 2003 reg 6) and how to tell the council what to improve or reach it another way.
 */
@Controller
class HelpPagesController {

    /** The accounts module's known-browser cookie (accounts.web.DeviceCookie); the cookies page test checks the name. */
    static final String KNOWN_BROWSER_COOKIE = "TOWNHALL_DEVICE";

    private final CouncilContact contact;
    private final String sessionCookie;
    private final Duration sessionIdle;
    private final Duration sessionLongest;

    HelpPagesController(CouncilContact contact,
                        @Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie,
                        @Value("${spring.session.timeout:30m}") Duration sessionIdle,
                        @Value("${townhall.sessions.absolute-timeout:12h}") Duration sessionLongest) {
        this.contact = contact;
        this.sessionCookie = sessionCookie;
        this.sessionIdle = sessionIdle;
        this.sessionLongest = sessionLongest;
    }

    @GetMapping("/help/accessibility-statement")
    String accessibility(Model model) {
        model.addAttribute("sessionIdleMinutes", sessionIdle.toMinutes());
        model.addAttribute("sessionLongestHours", sessionLongest.toHours());
        return "help/accessibility-statement";
    }

    @GetMapping("/help/privacy-notice")
    String privacy(Model model) {
        model.addAttribute("knownBrowserDays", KnownBrowsers.LIFETIME.toDays());
        return "help/privacy-notice";
    }

    @GetMapping("/help/cookies")
    String cookies(Model model) {
        model.addAttribute("sessionCookie", sessionCookie);
        model.addAttribute("sessionIdleMinutes", sessionIdle.toMinutes());
        model.addAttribute("sessionLongestHours", sessionLongest.toHours());
        model.addAttribute("knownBrowserCookie", KNOWN_BROWSER_COOKIE);
        model.addAttribute("knownBrowserDays", KnownBrowsers.LIFETIME.toDays());
        return "help/cookies";
    }

    @GetMapping("/help/feedback")
    String feedback() {
        return "help/feedback";
    }

    @GetMapping("/help/contact")
    String contact() {
        return "help/contact";
    }
}
