package org.townhall.notifications.web;

import org.springframework.context.annotation.Profile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.townhall.notifications.NotificationOutbox;

/**
 * For local use and demos only: what Townhall would have emailed, with its links. Never in
 * production, where the outbox holds one-time links to residents' accounts until delivered.
 */
@Controller
@Profile("!production")
@PreAuthorize("hasRole('ADMIN')")
class OutboxController {

    private final NotificationOutbox outbox;

    OutboxController(NotificationOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/staff/outbox")
    String outbox(Authentication staff, Model model) {
        model.addAttribute("messages", outbox.latest(staff.getName()));
        return "notifications/outbox";
    }
}
