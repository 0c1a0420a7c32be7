package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.parking.LookupResult;
import org.townhall.parking.ParkingFines;
import org.townhall.parking.ParkingPayments;
import org.townhall.parking.PcnDetails;
import org.townhall.parking.PcnViewer;
import org.townhall.payments.GuestPayers;
import org.townhall.payments.PaymentConflict;
import org.townhall.payments.Payments;
import org.townhall.payments.PaymentsUnavailable;
import org.townhall.payments.StartedPayment;
import org.townhall.payments.WouldOverpay;
import org.townhall.platform.ClientOrigin;

/** The PCN viewer: look a fine up, see it and its photos, add it to your account. */
@Controller
class PcnController {

    private final ParkingFines fines;
    private final ParkingPayments payments;

    PcnController(ParkingFines fines, ParkingPayments payments) {
        this.fines = fines;
        this.payments = payments;
    }

    @GetMapping("/parking")
    String form(Model model) {
        model.addAttribute("form", LookupForm.empty());
        return "parking/lookup";
    }

    @PostMapping("/parking")
    String lookUp(@Valid @ModelAttribute("form") LookupForm form, BindingResult errors, Authentication authentication,
                  HttpServletRequest request, HttpServletResponse response) {
        if (errors.hasErrors()) {
            return "parking/lookup";
        }
        String resident = authentication != null && authentication.getPrincipal() instanceof SignedInUser user && !user.isStaff()
                ? user.ref() : null;
        LookupResult result = fines.lookUp(form.pcnNumber(), form.registration(), resident, ClientOrigin.of(request));
        if (result instanceof LookupResult.Found found) {
            LookedUp.remember(request.getSession(true), found.pcnRef());
            return "redirect:/parking/pcn/" + found.pcnRef();
        }
        if (result instanceof LookupResult.TryLater later) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(Math.max(1, later.retryAfter().toSeconds())));
            errors.reject("throttled", "There have been too many look-ups from here. Try again in "
                    + Math.max(1, (later.retryAfter().toSeconds() + 59) / 60) + " minutes");
            return "parking/lookup";
        }
        errors.rejectValue("pcnNumber", "notFound",
                "No parking fine matches that number and registration. Check both and try again");
        return "parking/lookup";
    }

    @GetMapping("/parking/pcn/{ref}")
    String pcn(@PathVariable String ref, HttpSession session, Authentication authentication, Model model) {
        PcnViewer viewer = LookedUp.viewer(session, authentication);
        model.addAttribute("pcn", fines.details(ref, viewer).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("signedInResident", viewer.signedIn());
        model.addAttribute("idempotencyKey", Payments.newIdempotencyKey());
        return "parking/pcn";
    }

    @GetMapping("/parking/pcn/{ref}/photos/{photo}")
    void photo(@PathVariable String ref, @PathVariable String photo, HttpSession session, Authentication authentication,
               HttpServletResponse response) throws IOException {
        Documents.serve(fines.photo(ref, photo, LookedUp.viewer(session, authentication))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
    }

    /**
     * Paying without an account, from the PCN's own page (ADR 0028): the fine's number and what is
     * due today, which its look-up already shows, and an email address for the receipt. A signed-in
     * resident pays from the PCN page itself, with the receipt sent to their account's address.
     */
    @GetMapping("/parking/pcn/{ref}/pay")
    String payForm(@PathVariable String ref, HttpSession session, Authentication authentication, Model model) {
        PcnViewer viewer = guestViewer(session, authentication);
        PcnDetails pcn = payable(ref, viewer);
        if (viewer.residentRef() != null) {
            return "redirect:/parking/pcn/" + pcn.ref();
        }
        model.addAttribute("pcn", pcn);
        model.addAttribute("form", PcnPayForm.empty(Payments.newIdempotencyKey()));
        return "parking/pay";
    }

    /** Pays what is due today; the amount comes from the timeline, never from the form. */
    @PostMapping("/parking/pcn/{ref}/pay")
    String pay(@PathVariable String ref, @Valid @ModelAttribute("form") PcnPayForm form, BindingResult errors, HttpSession session,
               Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
        PcnViewer viewer = guestViewer(session, authentication);
        if (viewer.residentRef() != null) {
            return "redirect:" + started(() -> payments.pay(ref, viewer, form.idempotencyKey(), ClientOrigin.of(request)));
        }
        model.addAttribute("pcn", payable(ref, viewer));
        if (errors.hasErrors()) {
            return "parking/pay";
        }
        String guest = GuestPayers.of(request.getSession());
        try {
            return "redirect:" + started(() -> payments.payAsGuest(ref, viewer, guest, form.email().trim(), form.idempotencyKey(),
                    ClientOrigin.of(request)));
        } catch (ResponseStatusException e) {
            if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                throw e;
            }
            response.setStatus(e.getStatusCode().value());
            if (e.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                response.setHeader("Retry-After", "300");
            }
            errors.reject("payment", e.getReason() == null ? "Something went wrong with the form. Reload the page and try again"
                    : e.getReason());
            return "parking/pay";
        }
    }

    /** The next address of a payment started, or the refusal as a status with what to tell the payer. */
    private static String started(Supplier<Optional<StartedPayment>> start) {
        try {
            return start.get().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).nextUrl();
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Something went wrong with the form. Reload the page and try again");
        } catch (PaymentConflict e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "This payment was already started with different details. Reload the page and try again");
        } catch (WouldOverpay e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A payment for this parking fine is already in progress");
        } catch (PaymentsUnavailable e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Online payments are not available at the moment. You have not been charged. Try again in a few minutes");
        }
    }

    /** Staff have their own pages: paying a resident's fine as a guest from a staff session is refused, and recorded. */
    private static PcnViewer guestViewer(HttpSession session, Authentication authentication) {
        if (SignedInUser.isStaff(authentication)) {
            throw new AccessDeniedException("Staff do not pay residents' parking fines");
        }
        return LookedUp.viewer(session, authentication);
    }

    /** The PCN, if this session looked it up and something is due; anything else is not found (and recorded by the viewer check). */
    private PcnDetails payable(String ref, PcnViewer viewer) {
        PcnDetails pcn = fines.details(ref, viewer).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (pcn.settled() || pcn.today().amountDuePence() <= 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return pcn;
    }

    @PostMapping("/parking/pcn/{ref}/add-to-account")
    String addToAccount(@PathVariable String ref, HttpSession session, Authentication authentication) {
        if (!fines.addToAccount(ref, LookedUp.viewer(session, authentication))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/parking/pcn/" + ref + "?added";
    }
}
