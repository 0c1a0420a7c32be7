package org.townhall.notifications.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.townhall.notifications.NotificationOutbox;

/**
 * Administrators see every message that has not been delivered (still being tried, or given up
 * on) and can send a given-up one again. Where email goes only to the log (local use and demos)
 * they also read what was "sent", with its links; where it reaches residents they never do.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class OutboxController {

    private final NotificationOutbox outbox;

    OutboxController(NotificationOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/staff/outbox")
    String outbox(Authentication staff, Model model) {
        model.addAttribute("outbox", outbox.view(staff.getName()));
        return "notifications/outbox";
    }

    @PostMapping("/staff/outbox/{reference}/send-again")
    String sendAgain(@PathVariable String reference, Authentication staff, Model model, HttpServletResponse response) {
        if (outbox.sendAgain(reference, staff.getName())) {
            return "redirect:/staff/outbox?sentAgain";
        }
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("error", "Only a message Townhall has stopped trying to deliver can be sent again");
        model.addAttribute("outbox", outbox.view(staff.getName()));
        return "notifications/outbox";
    }
}
