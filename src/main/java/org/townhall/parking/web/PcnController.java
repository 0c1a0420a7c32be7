package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.parking.LookupResult;
import org.townhall.parking.ParkingFines;
import org.townhall.parking.ParkingPayments;
import org.townhall.payments.PaymentConflict;
import org.townhall.payments.Payments;
import org.townhall.payments.PaymentsUnavailable;
import org.townhall.payments.WouldOverpay;
import org.townhall.parking.PcnViewer;
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

    /** Pays what is due today; the amount comes from the timeline, never from the form. */
    @PostMapping("/parking/pcn/{ref}/pay")
    String pay(@PathVariable String ref, @RequestParam(required = false) String idempotencyKey, HttpSession session,
               Authentication authentication, HttpServletRequest request) {
        try {
            return "redirect:" + payments.pay(ref, LookedUp.viewer(session, authentication), idempotencyKey, ClientOrigin.of(request))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).nextUrl();
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        } catch (PaymentConflict e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        } catch (WouldOverpay e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A payment for this parking fine is already in progress");
        } catch (PaymentsUnavailable e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    @PostMapping("/parking/pcn/{ref}/add-to-account")
    String addToAccount(@PathVariable String ref, HttpSession session, Authentication authentication) {
        if (!fines.addToAccount(ref, LookedUp.viewer(session, authentication))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/parking/pcn/" + ref + "?added";
    }
}
