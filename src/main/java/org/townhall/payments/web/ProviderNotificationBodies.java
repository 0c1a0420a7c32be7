package org.townhall.payments.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.townhall.payments.Payments;

/**
 * The webhook's bound on what a stranger may send, applied before anything parses the body. The
 * controller reads at most {@link ProviderNotificationController#MAX_BODY}, but a multipart body is
 * parsed, its parts written to disk up to the challenge form's upload limit (120 MB), before any
 * controller is asked: GOV.UK Pay sends JSON, so a multipart body is no notification and is refused
 * unread (415), and one declared longer than a notification can be is refused as the controller
 * refuses it (413). Runs after the shield has counted the request and before Spring Security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 12)
class ProviderNotificationBodies extends OncePerRequestFilter {

    private final Payments notifications;

    ProviderNotificationBodies(Payments notifications) {
        this.notifications = notifications;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ProviderNotificationController.PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > ProviderNotificationController.MAX_BODY) {
            notifications.notificationRefused("body too large");
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            return;
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            notifications.notificationRefused("not JSON");
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            return;
        }
        chain.doFilter(request, response);
    }
}
