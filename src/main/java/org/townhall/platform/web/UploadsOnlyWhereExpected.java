package org.townhall.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A multipart body is read whole, its parts written to disk up to the upload limit the challenge
 * form needs (120 MB), as soon as anything asks for a parameter, and Spring Security's CSRF check
 * asks on every POST before it refuses one. So any POST, to any address and from anyone, could
 * make Townhall read and store a hundred megabytes. Only the forms that take files accept a
 * multipart body (`townhall.web.upload-paths`); anywhere else it is refused unread with 415.
 * Runs after the shield has counted the request and before Spring Security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 13)
class UploadsOnlyWhereExpected extends OncePerRequestFilter {

    private final AntPathMatcher paths = new AntPathMatcher();
    private final List<String> uploadPaths;

    UploadsOnlyWhereExpected(@Value("${townhall.web.upload-paths:/parking/pcn/*/challenge}") List<String> uploadPaths) {
        this.uploadPaths = uploadPaths.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (uploadPaths.stream().noneMatch(pattern -> paths.match(pattern, path))) {
            // Answered here, not through the error page, which would read the body's parameters.
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setHeader("Connection", "close");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("This address does not take files.\n");
            return;
        }
        chain.doFilter(request, response);
    }
}
