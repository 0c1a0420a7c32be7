package org.townhall.mail.web;

import org.springframework.context.annotation.Profile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.townhall.mail.Mailbox;

/**
 * For local use and demos only: the embedded mailbox that stands in for the council's mail
 * server, read as text. Never in production, where mail goes to the real server.
 */
@Controller
@Profile("!production")
@PreAuthorize("hasRole('ADMIN')")
class MailboxController {

    private final Mailbox mailbox;

    MailboxController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/staff/mailbox")
    String mailbox(Authentication staff, Model model) {
        model.addAttribute("letters", mailbox.latest(staff.getName()));
        return "mail/mailbox";
    }
}
