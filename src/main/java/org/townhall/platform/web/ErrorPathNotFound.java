package org.townhall.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * /error is where Tomcat forwards a request that went wrong, to draw the error page. Asked for
 * directly it has no error to show, and Spring Boot would answer 500, as if the service were
 * broken: monitoring counts it and a scanner reports it. A visitor asking for it gets Page not
 * found, like any other address that is not a page. Only direct requests are turned away: the
 * container's own error forwards are not filtered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ErrorPathNotFound extends OncePerRequestFilter {

    /** Decodes and drops ;parameters, as the path is matched: /error;x and /%65rror reach the same handler. */
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = PATHS.getPathWithinApplication(request);
        return !(path.equals("/error") || path.startsWith("/error/") || path.startsWith("/error."));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
