package org.townhall.accounts.web;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Stay signed in" from the warning every signed-in page gives before its idle time runs out
 * (WCAG 2.2 success criterion 2.2.1, Timing Adjustable: warn, and let the user ask for more time
 * with a simple action). The request itself renews the session's idle time; nothing else changes.
 * The twelve-hour limit on a session is not extended (townhall.sessions.absolute-timeout). A form
 * post with its CSRF token, so another site cannot keep a resident's session alive.
 */
@Controller
class KeepSignedInController {

    @PostMapping("/session/keep-alive")
    ResponseEntity<Void> resident() {
        return ResponseEntity.noContent().header("Cache-Control", "no-store").build();
    }

    @PostMapping("/staff/session/keep-alive")
    @PreAuthorize("hasRole('STAFF')")
    ResponseEntity<Void> staff() {
        return ResponseEntity.noContent().header("Cache-Control", "no-store").build();
    }
}
