package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletResponse;
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
import org.townhall.evidence.DocumentSummary;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.HeldEvidence;
import org.townhall.evidence.IncomingFile;
import org.townhall.parking.ParkingCases;
import org.townhall.parking.ParkingFines;
import org.townhall.parking.PcnDetails;
import org.townhall.parking.PcnViewer;

/**
 * Challenging a PCN with evidence, as GOV.UK forms do it: the form, "Check your answers" with a
 * change link for each answer, then the confirmation on the case's page. Any signed-in resident
 * who can see the PCN (looked up in this browser, or saved to their account) may, whoever else has
 * saved it (ADR 0012). Between the form and sending, the evidence is held sealed in the vault
 * under a reference in the session (ADR 0028), so it survives the check and any problem on the form.
 */
@Controller
class ChallengeController {

    private final ParkingFines fines;
    private final ParkingCases cases;
    private final EvidenceVault vault;
    private final HeldEvidence held;

    ChallengeController(ParkingFines fines, ParkingCases cases, EvidenceVault vault, HeldEvidence held) {
        this.fines = fines;
        this.cases = cases;
        this.vault = vault;
        this.held = held;
    }

    private static PcnViewer viewer(SignedInUser resident, HttpSession session) {
        return new PcnViewer(resident.ref(), LookedUp.in(session));
    }

    private PcnDetails visiblePcn(String ref, PcnViewer viewer) {
        return fines.details(ref, viewer).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static boolean challengeable(PcnDetails pcn) {
        return !pcn.settled() && (pcn.today().mayChallengeInformally() || pcn.today().mayMakeRepresentations());
    }

    /** The form, filled in again from the draft when a change link brings the resident back; or what is open instead of it. */
    @GetMapping("/parking/pcn/{ref}/challenge")
    String form(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpSession session, Model model) {
        PcnDetails pcn = visiblePcn(ref, viewer(resident, session));
        if (!challengeable(pcn)) {
            return notOffered(pcn, model);
        }
        ChallengeDraft draft = ChallengeDraft.of(session, ref).orElse(null);
        model.addAttribute("form", draft == null ? ChallengeForm.empty() : new ChallengeForm(draft.grounds(), draft.statement()));
        return showForm(pcn, draft == null ? List.of() : held.held(draft.heldRef(), resident.ref()), model);
    }

    /**
     * Checks the answers and every file at once, so every problem is shown together. Files that
     * pass are held at once, even when something else is wrong, so they need not be chosen again;
     * a file with a problem must be. Then "Check your answers".
     */
    @PostMapping("/parking/pcn/{ref}/challenge")
    String submit(@PathVariable String ref, @Valid @ModelAttribute("form") ChallengeForm form, BindingResult errors,
                  @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
                  @RequestParam(name = "keep", required = false) List<String> keep,
                  @AuthenticationPrincipal SignedInUser resident, HttpSession session, HttpServletResponse response,
                  Model model) throws IOException {
        PcnDetails pcn = visiblePcn(ref, viewer(resident, session));
        if (!challengeable(pcn)) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return notOffered(pcn, model);
        }
        if (!errors.hasFieldErrors("grounds") && !ChallengeForm.GROUNDS.contains(form.grounds())
                && !ChallengeForm.INFORMAL.equals(form.grounds())) {
            errors.rejectValue("grounds", "unknown", "Choose the grounds for your challenge");
        }
        String heldRef = ChallengeDraft.of(session, ref).map(ChallengeDraft::heldRef).orElseGet(HeldEvidence::newHeldRef);
        // Files held before and not ticked to keep are destroyed now: the resident removed them.
        held.discard(heldRef, resident.ref(), keep == null ? List.of() : keep);
        List<IncomingFile> files = new ArrayList<>();
        for (MultipartFile file : evidence == null ? List.<MultipartFile>of() : evidence) {
            if (!file.isEmpty() || (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())) {
                files.add(new IncomingFile(file.getOriginalFilename(), file.getBytes()));
            }
        }
        int alreadyHeld = held.held(heldRef, resident.ref()).size();
        if (alreadyHeld + files.size() > EvidenceVault.MAX_FILES) {
            errors.reject("evidence", "You can upload up to " + EvidenceVault.MAX_FILES + " files. Remove some, or choose fewer");
        } else {
            CheckedFiles checked = vault.check(files, resident.ref());
            checked.problems().forEach(problem -> errors.reject("evidence", problem));
            held.hold(checked, resident.ref(), heldRef);
        }
        boolean ready = !errors.hasErrors();
        // A draft pushed out of the session can never be sent: what it held is destroyed now, not hours later.
        ChallengeDraft.keep(session, ref, new ChallengeDraft(form.grounds(), form.statement(), heldRef, ready))
                .forEach(pushedOut -> held.discard(pushedOut.heldRef(), resident.ref(), List.of()));
        if (!ready) {
            return showForm(pcn, held.held(heldRef, resident.ref()), model);
        }
        return "redirect:/parking/pcn/" + ref + "/challenge/check";
    }

    /** "Check your answers": every answer with a link to change it, and the evidence by name. */
    @GetMapping("/parking/pcn/{ref}/challenge/check")
    String check(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpSession session, Model model) {
        PcnDetails pcn = visiblePcn(ref, viewer(resident, session));
        ChallengeDraft draft = ChallengeDraft.of(session, ref).filter(ChallengeDraft::ready).orElse(null);
        if (!challengeable(pcn) || draft == null) {
            return "redirect:/parking/pcn/" + ref + "/challenge";
        }
        model.addAttribute("pcn", pcn);
        model.addAttribute("draft", draft);
        model.addAttribute("documents", held.held(draft.heldRef(), resident.ref()));
        return "parking/challenge-check";
    }

    /**
     * Sends the challenge as checked. Sent twice (a double click, the back button), the second
     * finds no draft and goes to the form, which says a challenge is already waiting.
     */
    @PostMapping("/parking/pcn/{ref}/challenge/check")
    String send(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpSession session,
                HttpServletResponse response, Model model) {
        PcnViewer viewer = viewer(resident, session);
        PcnDetails pcn = visiblePcn(ref, viewer);
        ChallengeDraft draft = ChallengeDraft.of(session, ref).filter(ChallengeDraft::ready).orElse(null);
        if (draft == null) {
            return "redirect:/parking/pcn/" + ref + "/challenge";
        }
        ParkingCases.Submitted submitted = cases.submitHeld(ref, viewer, draft.grounds(), draft.statement(), draft.heldRef());
        if (submitted.problem() != null) {
            // Someone else's challenge arrived between the check and the send: say what is open instead.
            response.setStatus(HttpStatus.CONFLICT.value());
            return notOffered(visiblePcn(ref, viewer), model);
        }
        ChallengeDraft.forget(session, ref);
        return "redirect:/parking/cases/" + submitted.caseRef() + "?submitted";
    }

    private String showForm(PcnDetails pcn, List<DocumentSummary> kept, Model model) {
        model.addAttribute("pcn", pcn);
        model.addAttribute("grounds", ChallengeForm.GROUNDS);
        model.addAttribute("kept", kept);
        return "parking/challenge";
    }

    /** Instead of the form: the challenge already waiting (the resident's own, with its link; or another account's), or why not. */
    private static String notOffered(PcnDetails pcn, Model model) {
        model.addAttribute("pcn", pcn);
        model.addAttribute("ownOpen", pcn.cases().stream().filter(c -> "OPEN".equals(c.status())).findFirst().orElse(null));
        return "parking/challenge-not-offered";
    }
}
