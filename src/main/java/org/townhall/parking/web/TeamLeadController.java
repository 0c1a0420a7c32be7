package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.parking.CaseAssignments;

/** Parking team leaders: every open case, who has it, and giving it to another parking officer. */
@Controller
@RequestMapping("/staff/parking/team")
@PreAuthorize("hasRole('PARKING_TEAM_LEAD')")
class TeamLeadController {

    private final CaseAssignments assignments;

    TeamLeadController(CaseAssignments assignments) {
        this.assignments = assignments;
    }

    @GetMapping
    String team(Model model) {
        model.addAttribute("team", assignments.team());
        return "staff/parking-team";
    }

    @PostMapping("/cases/{ref}/officer")
    String reassign(@PathVariable String ref, @RequestParam(name = "officer", required = false) String officer,
                    @AuthenticationPrincipal SignedInUser lead, Model model, HttpServletResponse response) {
        switch (assignments.reassign(ref, officer, lead.ref())) {
            case DONE -> {
                return "redirect:/staff/parking/team?reassigned";
            }
            case NOT_A_PARKING_OFFICER -> {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                model.addAttribute("problem", "Choose a parking officer from the list");
                model.addAttribute("team", assignments.team());
                return "staff/parking-team";
            }
            case NOT_A_TEAM_LEADER -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
