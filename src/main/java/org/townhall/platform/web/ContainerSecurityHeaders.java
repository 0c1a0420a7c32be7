package org.townhall.platform.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.townhall.platform.SecurityHeaders;

/**
 * Tomcat answers some requests itself, before any filter runs: a request line with a character
 * RFC 9112 forbids, a header line without a colon, an HTTP version it does not speak, TRACE. Its
 * plain error pages would go out without the headers every Townhall page carries, so a valve at
 * the front of the engine sets them on every response before anything else is written. Spring
 * Security's header writers leave a header that is already there alone, so nothing is doubled.
 * The error page itself is Spring Boot's ErrorReportValve with the server's name and version hidden.
 */
@Component
class ContainerSecurityHeaders implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final boolean httpsOnly;

    ContainerSecurityHeaders(@Value("${townhall.https-only:false}") boolean httpsOnly) {
        this.httpsOnly = httpsOnly;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addEngineValves(new HeadersValve(httpsOnly));
    }

    /** After Boot's own customizer, so a proxy's X-Forwarded-Proto is already believed (or not) when HSTS is decided. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static final class HeadersValve extends ValveBase {

        private final boolean httpsOnly;

        HeadersValve(boolean httpsOnly) {
            super(true);
            this.httpsOnly = httpsOnly;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            response.setHeader("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            // As Spring Security decides it: over TLS, or on every response when TLS ends at a load balancer.
            if (httpsOnly || request.isSecure()) {
                response.setHeader("Strict-Transport-Security", SecurityHeaders.HSTS);
            }
            getNext().invoke(request, response);
        }
    }
}
