package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.audit.OpensEvidence;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.Reader;
import org.townhall.parking.LetterDocuments;
import org.townhall.parking.ParkingCases;
import org.townhall.platform.ClientOrigin;

/** A resident's own case: its progress, letters, documents, and who has opened them. */
@Controller
class CaseController {

    private final ParkingCases cases;
    private final EvidenceVault vault;
    private final LetterDocuments letters;

    CaseController(ParkingCases cases, EvidenceVault vault, LetterDocuments letters) {
        this.cases = cases;
        this.vault = vault;
        this.letters = letters;
    }

    @GetMapping("/parking/cases/{ref}")
    String view(@PathVariable String ref, @RequestParam(required = false) String submitted,
                @AuthenticationPrincipal SignedInUser resident, Model model) {
        // Just sent from "Check your answers": the confirmation panel is the page's heading.
        model.addAttribute("justSent", submitted != null);
        model.addAttribute("parkingCase", cases.forResident(ref, resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("accesses", vault.whoHasSeen(resident.ref()).stream()
                .filter(a -> a.caseRef().equals(ref)).toList());
        return "parking/case";
    }

    /** The resident's own document: the vault decides, and a document of another case is refused the same way. */
    @OpensEvidence
    @GetMapping("/parking/cases/{ref}/evidence/{document}")
    void evidence(@PathVariable String ref, @PathVariable String document, @AuthenticationPrincipal SignedInUser resident,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        Documents.serve(vault.readFromCase(ref, document, Reader.resident(resident.ref(), "viewing own evidence"),
                        ClientOrigin.of(request))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
    }

    /** A decision letter on the resident's own case, as a tagged PDF to keep. */
    @GetMapping("/parking/cases/{ref}/letters/{letter}")
    void letter(@PathVariable String ref, @PathVariable String letter, @AuthenticationPrincipal SignedInUser resident,
                HttpServletResponse response) throws IOException {
        Documents.serve(letters.forResident(ref, letter, resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
    }

    @GetMapping("/parking/evidence-access")
    String whoHasSeen(@AuthenticationPrincipal SignedInUser resident, Model model) {
        model.addAttribute("accesses", vault.whoHasSeen(resident.ref()));
        return "parking/evidence-access";
    }
}
