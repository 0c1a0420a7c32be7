package org.townhall.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townhall.accounts.ResidentSignIn;
import org.townhall.accounts.SignInResult;
import org.townhall.accounts.security.ReturnPath;
import org.townhall.accounts.security.SessionSignIn;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.KnownBrowsers;

/** The resident sign-in page. */
@Controller
class SignInController {

    private final KnownBrowsers knownBrowsers;
    private final ResidentSignIn signIn;
    private final SessionSignIn sessions;
    private final boolean httpsOnly;

    SignInController(ResidentSignIn signIn, SessionSignIn sessions, KnownBrowsers knownBrowsers,
                     @Value("${townhall.https-only:false}") boolean httpsOnly) {
        this.signIn = signIn;
        this.knownBrowsers = knownBrowsers;
        this.sessions = sessions;
        this.httpsOnly = httpsOnly;
    }

    @GetMapping("/sign-in")
    String form(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("form", Forms.SignIn.empty());
        model.addAttribute("next", ReturnPath.safe(next).orElse(null));
        return "accounts/sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(@Valid @ModelAttribute("form") Forms.SignIn form, BindingResult errors,
                  @CookieValue(name = DeviceCookie.NAME, required = false) String deviceCookie,
                  @RequestParam(required = false) String next, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        Optional<String> back = ReturnPath.safe(next);
        model.addAttribute("next", back.orElse(null));
        if (errors.hasErrors()) {
            return "accounts/sign-in";
        }
        // A known-browser cookie given for another account is no cookie at all for this one.
        String deviceToken = knownBrowsers.tokenFor(deviceCookie, form.email()).orElse(null);
        SignInResult result = signIn.signIn(form.email(), form.password(), deviceToken, ClientOrigin.of(request));
        if (result instanceof SignInResult.SignedIn signedIn) {
            sessions.establish(signedIn.user(), request, response);
            // Issued afresh at every sign-in, bound to this account, so a resident who keeps signing in keeps it.
            DeviceCookie.give(knownBrowsers.sign(signedIn.deviceToken(), signedIn.user().email()), httpsOnly, request, response);
            return "redirect:" + back.orElse("/account");
        }
        if (result instanceof SignInResult.TryLater later) {
            long seconds = Math.max(1, later.retryAfter().toSeconds());
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(seconds));
            errors.rejectValue("email", "throttled", "There have been too many attempts to sign in. Wait "
                    + Waits.describe(later.retryAfter()) + " and try again, or reset your password");
        } else if (result instanceof SignInResult.EmailNotConfirmed) {
            errors.rejectValue("email", "unconfirmed",
                    "You need to confirm your email address before you can sign in. We have sent you a new link");
        } else {
            errors.rejectValue("email", "wrong", "Enter a correct email address and password");
        }
        return "accounts/sign-in";
    }
}
