package org.townhall.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.townhall.accounts.SignedInUser;
import org.townhall.accounts.StaffSignIn;
import org.townhall.accounts.security.SessionSignIn;
import org.townhall.platform.ClientOrigin;

/**
 * Staff sign-in: password, then the authenticator (set up at the first sign-in). Between the two
 * steps the session holds only who passed the password step and when; it grants nothing.
 */
@Controller
class StaffSignInController {

    private static final String PENDING = "townhall.staffPasswordPassed";
    private static final String PENDING_AT = "townhall.staffPasswordPassedAt";
    /** The second step must follow within five minutes of the password. */
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

    private final StaffSignIn signIn;
    private final SessionSignIn sessions;
    private final Clock clock;

    StaffSignInController(StaffSignIn signIn, SessionSignIn sessions, Clock clock) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.clock = clock;
    }

    @GetMapping("/staff/sign-in")
    String form(Model model) {
        model.addAttribute("form", Forms.SignIn.empty());
        return "staff/sign-in";
    }

    @PostMapping("/staff/sign-in")
    String password(@Valid @ModelAttribute("form") Forms.SignIn form, BindingResult errors,
                    HttpServletRequest request, HttpServletResponse response) {
        if (errors.hasErrors()) {
            return "staff/sign-in";
        }
        StaffSignIn.PasswordStep step = signIn.checkPassword(form.email(), form.password(), ClientOrigin.of(request));
        if (step.retryAfter().isPresent()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(Math.max(1, step.retryAfter().get().toSeconds())));
            errors.rejectValue("email", "throttled", "There have been too many attempts to sign in. Wait "
                    + Waits.describe(step.retryAfter().get()) + " and try again");
            return "staff/sign-in";
        }
        if (step.accepted().isEmpty()) {
            errors.rejectValue("email", "wrong", "Enter a correct email address and password");
            return "staff/sign-in";
        }
        // A fresh session id before the second step, too.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(PENDING, step.accepted().get().ref());
        session.setAttribute(PENDING_AT, clock.millis());
        return step.accepted().get().mustEnrol() ? "redirect:/staff/authenticator/set-up" : "redirect:/staff/authenticator";
    }

    @GetMapping("/staff/authenticator/set-up")
    String enrolForm(HttpServletRequest request, Model model) {
        Optional<String> ref = pending(request);
        if (ref.isEmpty()) {
            return "redirect:/staff/sign-in";
        }
        // Only for a first app: one already set up is asked for its code (this was a server error).
        if (!signIn.awaitsEnrolment(ref.get(), ClientOrigin.of(request))) {
            return "redirect:/staff/authenticator";
        }
        model.addAttribute("enrolment", signIn.startEnrolment(ref.get()));
        model.addAttribute("form", Forms.AuthenticatorCode.empty());
        return "staff/authenticator-set-up";
    }

    @PostMapping("/staff/authenticator/set-up")
    String enrol(@Valid @ModelAttribute("form") Forms.AuthenticatorCode form, BindingResult errors,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> ref = pending(request);
        if (ref.isEmpty()) {
            return "redirect:/staff/sign-in";
        }
        if (!signIn.awaitsEnrolment(ref.get(), ClientOrigin.of(request))) {
            return "redirect:/staff/authenticator";
        }
        if (!errors.hasErrors()) {
            Optional<StaffSignIn.EnrolmentDone> done = signIn.confirmEnrolment(ref.get(), form.code().trim(), ClientOrigin.of(request));
            if (done.isPresent()) {
                complete(done.get().user(), request, response);
                model.addAttribute("codes", done.get().recoveryCodes());
                return "staff/recovery-codes";
            }
            errors.rejectValue("code", "wrong", "The code is not right. Check your app and enter the code it shows now");
        }
        model.addAttribute("enrolment", signIn.startEnrolment(ref.get()));
        return "staff/authenticator-set-up";
    }

    @GetMapping("/staff/authenticator")
    String codeForm(HttpServletRequest request, Model model) {
        if (pending(request).isEmpty()) {
            return "redirect:/staff/sign-in";
        }
        model.addAttribute("form", Forms.AuthenticatorCode.empty());
        return "staff/authenticator";
    }

    @PostMapping("/staff/authenticator")
    String code(@Valid @ModelAttribute("form") Forms.AuthenticatorCode form, BindingResult errors,
                HttpServletRequest request, HttpServletResponse response) {
        Optional<String> ref = pending(request);
        if (ref.isEmpty()) {
            return "redirect:/staff/sign-in";
        }
        if (errors.hasErrors()) {
            return "staff/authenticator";
        }
        Optional<SignedInUser> user = signIn.verifyCode(ref.get(), form.code().trim(), ClientOrigin.of(request));
        if (user.isEmpty()) {
            errors.rejectValue("code", "wrong", "The code is not right, or has been used already. Enter the code your app shows now");
            return "staff/authenticator";
        }
        complete(user.get(), request, response);
        return "redirect:/staff";
    }

    @GetMapping("/staff/authenticator/recovery")
    String recoveryForm(HttpServletRequest request, Model model) {
        if (pending(request).isEmpty()) {
            return "redirect:/staff/sign-in";
        }
        model.addAttribute("form", new Forms.RecoveryCode(""));
        return "staff/recovery";
    }

    @PostMapping("/staff/authenticator/recovery")
    String recovery(@Valid @ModelAttribute("form") Forms.RecoveryCode form, BindingResult errors,
                    HttpServletRequest request, HttpServletResponse response) {
        Optional<String> ref = pending(request);
        if (ref.isEmpty()) {
            return "redirect:/staff/sign-in";
        }
        if (errors.hasErrors()) {
            return "staff/recovery";
        }
        Optional<SignedInUser> user = signIn.useRecoveryCode(ref.get(), form.recoveryCode(), ClientOrigin.of(request));
        if (user.isEmpty()) {
            errors.rejectValue("recoveryCode", "wrong", "That recovery code is not right, or has been used already");
            return "staff/recovery";
        }
        complete(user.get(), request, response);
        return "redirect:/staff";
    }

    private void complete(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        session.removeAttribute(PENDING);
        session.removeAttribute(PENDING_AT);
        sessions.establish(user, request, response);
    }

    private Optional<String> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof String ref)
                || !(session.getAttribute(PENDING_AT) instanceof Long at)
                || clock.millis() - at > PENDING_LIFETIME.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(ref);
    }
}
