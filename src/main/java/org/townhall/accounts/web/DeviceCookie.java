package org.townhall.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.ResponseCookie;

/**
 * The cookie that marks a browser a resident has signed in from, so the per-account throttle does
 * not hold them up. Sent only to the sign-in form, never readable by script.
 */
final class DeviceCookie {

    static final String NAME = "TOWNHALL_DEVICE";
    private static final Duration LIFETIME = Duration.ofDays(365);

    private DeviceCookie() {
    }

    static void give(String token, boolean httpsOnly, HttpServletRequest request, HttpServletResponse response) {
        ResponseCookie cookie = ResponseCookie.from(NAME, token).path("/sign-in").httpOnly(true)
                .secure(httpsOnly || request.isSecure()).sameSite("Strict").maxAge(LIFETIME).build();
        response.addHeader("Set-Cookie", cookie.toString());
    }
}
