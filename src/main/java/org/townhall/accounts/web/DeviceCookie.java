package org.townhall.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.ResponseCookie;
import org.townhall.platform.KnownBrowsers;

/**
 * The cookie that marks a browser a resident has signed in from, bound to their account
 * (platform.KnownBrowsers), so neither the throttle nor the shield holds up that account's sign-in
 * from it. Sent only to the sign-in form, never readable by script.
 */
final class DeviceCookie {

    static final String NAME = "TOWNHALL_DEVICE";
    private static final Duration LIFETIME = KnownBrowsers.LIFETIME;

    private DeviceCookie() {
    }

    static void give(String token, boolean httpsOnly, HttpServletRequest request, HttpServletResponse response) {
        ResponseCookie cookie = ResponseCookie.from(NAME, token).path("/sign-in").httpOnly(true)
                .secure(httpsOnly || request.isSecure()).sameSite("Strict").maxAge(LIFETIME).build();
        response.addHeader("Set-Cookie", cookie.toString());
    }
}
