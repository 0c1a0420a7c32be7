package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.townhall.accounts.SignedInUser;
import org.townhall.audit.OpensEvidence;
import org.townhall.accounts.StaffRole;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.Reader;
import org.townhall.parking.Decision;
import org.townhall.parking.ParkingCases;
import org.townhall.parking.ParkingDecisions;
import org.townhall.platform.ClientOrigin;

/** Parking officers: the queue, a case assigned to them, its evidence, the decision. */
@Controller
@RequestMapping("/staff/parking")
@PreAuthorize("hasRole('PARKING_OFFICER')")
class OfficerCaseController {

    private final ParkingCases cases;
    private final ParkingDecisions decisions;
    private final EvidenceVault vault;

    OfficerCaseController(ParkingCases cases, ParkingDecisions decisions, EvidenceVault vault) {
        this.cases = cases;
        this.decisions = decisions;
        this.vault = vault;
    }

    record DecisionForm(
            @NotBlank(message = "Choose whether to accept or reject") @Pattern(regexp = "ACCEPT|REJECT", message = "Choose whether to accept or reject")
            String decision,
            @Size(max = 5000, message = "Reasons must be 5,000 characters or fewer")
            @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "Reasons must only include letters, numbers and punctuation")
            String reasons) {
    }

    @GetMapping
    String queue(@AuthenticationPrincipal SignedInUser officer, Model model) {
        model.addAttribute("queue", cases.queue(officer.ref()));
        return "staff/parking-queue";
    }

    @PostMapping("/cases/{ref}/take")
    String take(@PathVariable String ref, @AuthenticationPrincipal SignedInUser officer) {
        if (!cases.take(ref, officer.ref())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/staff/parking/cases/" + ref;
    }

    @GetMapping("/cases/{ref}")
    String view(@PathVariable String ref, @AuthenticationPrincipal SignedInUser officer, Model model) {
        model.addAttribute("parkingCase", cases.forOfficer(ref, officer.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("form", new DecisionForm("", ""));
        return "staff/parking-case";
    }

    @GetMapping("/cases/{ref}/photos/{photo}")
    void photo(@PathVariable String ref, @PathVariable String photo, @AuthenticationPrincipal SignedInUser officer,
               HttpServletResponse response) throws IOException {
        Documents.serve(cases.photoForOfficer(ref, photo, officer.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
    }

    /**
     * Opening evidence is recorded with the officer's name, role and purpose, where the resident can
     * see it. What opens is the safe copy: a PDF's pages redrawn as pictures.
     */
    @OpensEvidence
    @GetMapping("/cases/{ref}/evidence/{document}")
    void evidence(@PathVariable String ref, @PathVariable String document, @AuthenticationPrincipal SignedInUser officer,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        Reader reader = Reader.staff(officer.ref(), officer.fullName() + ", " + StaffRole.PARKING_OFFICER.title(),
                "Reviewing the challenge");
        Documents.serve(vault.readFromCase(ref, document, reader, ClientOrigin.of(request))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
    }

    /**
     * The original the resident sent, instead of the safe copy, when an officer needs it (the
     * tribunal asks for it, a signature must be checked) and says why. It is a download and a
     * recorded act: the reason is in the audit trail and in the resident's list of who opened
     * their documents. Nothing is served without a reason.
     */
    @OpensEvidence
    @PostMapping("/cases/{ref}/evidence/{document}/original")
    ModelAndView original(@PathVariable String ref, @PathVariable String document, @RequestParam(required = false) String reason,
                          @AuthenticationPrincipal SignedInUser officer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ParkingCases.OfficerCase parkingCase = cases.forOfficer(ref, officer.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 150 || !why.matches("[^\\p{Cntrl}\\p{Cf}]*")) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return new ModelAndView("staff/parking-case")
                    .addObject("parkingCase", parkingCase).addObject("form", new DecisionForm("", ""))
                    .addObject("originalDocument", document)
                    .addObject("originalError", "Say why you need the original, in 150 characters or fewer");
        }
        Reader reader = Reader.staff(officer.ref(), officer.fullName() + ", " + StaffRole.PARKING_OFFICER.title(), why);
        Documents.serve(vault.readOriginalForTheRecord(ref, document, reader, ClientOrigin.of(request))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
        return null;
    }

    @PostMapping("/cases/{ref}/decision")
    String decide(@PathVariable String ref, @Valid @ModelAttribute("form") DecisionForm form, BindingResult errors,
                  @AuthenticationPrincipal SignedInUser officer, Model model) {
        ParkingCases.OfficerCase parkingCase = cases.forOfficer(ref, officer.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!errors.hasErrors() && "REJECT".equals(form.decision()) && (form.reasons() == null || form.reasons().isBlank())) {
            errors.rejectValue("reasons", "required", "Give the reasons for rejecting: the resident will read them");
        }
        if (errors.hasErrors()) {
            model.addAttribute("parkingCase", parkingCase);
            return "staff/parking-case";
        }
        Decision decision = "ACCEPT".equals(form.decision()) ? new Decision.Accept(form.reasons()) : new Decision.Reject(form.reasons());
        if (!decisions.decide(ref, officer.ref(), decision)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        return "redirect:/staff/parking?decided";
    }
}
