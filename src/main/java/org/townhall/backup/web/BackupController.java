package org.townhall.backup.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.townhall.backup.BackupStatus;

/** Administrators: the backup running now, the recovery point, and every backup and drill. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class BackupController {

    private final BackupStatus status;

    BackupController(BackupStatus status) {
        this.status = status;
    }

    @GetMapping("/staff/backups")
    String backups(Authentication staff, Model model) {
        model.addAttribute("view", status.view(staff.getName()));
        return "staff/backups";
    }
}
