package org.townhall.parking.web;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.evidence.CheckedFiles;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.IncomingFile;
import org.townhall.parking.ParkingCases;
import org.townhall.parking.ParkingFines;
import org.townhall.parking.PcnDetails;
import org.townhall.parking.PcnViewer;

/**
 * Challenging a PCN with evidence: any signed-in resident who can see it (looked up in this
 * browser with its number and registration, or saved to their account) may, whoever else has
 * saved it (ADR 0012).
 */
@Controller
class ChallengeController {

    private final ParkingFines fines;
    private final ParkingCases cases;
    private final EvidenceVault vault;

    ChallengeController(ParkingFines fines, ParkingCases cases, EvidenceVault vault) {
        this.fines = fines;
        this.cases = cases;
        this.vault = vault;
    }

    private static PcnViewer viewer(SignedInUser resident, HttpSession session) {
        return new PcnViewer(resident.ref(), LookedUp.in(session));
    }

    private PcnDetails visiblePcn(String ref, PcnViewer viewer) {
        return fines.details(ref, viewer).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/parking/pcn/{ref}/challenge")
    String form(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpSession session, Model model) {
        model.addAttribute("pcn", visiblePcn(ref, viewer(resident, session)));
        model.addAttribute("form", ChallengeForm.empty());
        model.addAttribute("grounds", ChallengeForm.GROUNDS);
        return "parking/challenge";
    }

    @PostMapping("/parking/pcn/{ref}/challenge")
    String submit(@PathVariable String ref, @Valid @ModelAttribute("form") ChallengeForm form, BindingResult errors,
                  @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
                  @AuthenticationPrincipal SignedInUser resident, HttpSession session, Model model) throws IOException {
        PcnViewer viewer = viewer(resident, session);
        PcnDetails pcn = visiblePcn(ref, viewer);
        model.addAttribute("pcn", pcn);
        model.addAttribute("grounds", ChallengeForm.GROUNDS);
        if (!errors.hasFieldErrors("grounds") && !ChallengeForm.GROUNDS.contains(form.grounds())
                && !ChallengeForm.INFORMAL.equals(form.grounds())) {
            errors.rejectValue("grounds", "unknown", "Choose the grounds for your challenge");
        }
        List<IncomingFile> files = new ArrayList<>();
        for (MultipartFile file : evidence == null ? List.<MultipartFile>of() : evidence) {
            if (!file.isEmpty() || (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())) {
                files.add(new IncomingFile(file.getOriginalFilename(), file.getBytes()));
            }
        }
        // The files are checked even when a field is wrong, so every problem is shown at once: the
        // browser forgets the chosen files whenever the page comes back, and they must be chosen again.
        CheckedFiles checked = vault.check(files, resident.ref());
        checked.problems().forEach(problem -> errors.reject("evidence", problem));
        if (errors.hasErrors()) {
            return "parking/challenge";
        }
        ParkingCases.Submitted submitted = cases.submit(ref, viewer, form.grounds(), form.statement(), checked);
        if (submitted.problem() != null) {
            errors.reject("refused", submitted.problem());
            return "parking/challenge";
        }
        return "redirect:/parking/cases/" + submitted.caseRef() + "?submitted";
    }
}
