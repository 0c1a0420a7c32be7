package org.townhall.continuity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceState;
import org.townhall.continuity.ServiceStatus;
import org.townhall.continuity.ServiceSwitches;

/**
 * Sends requests for a switched-off service to its explanation page (503 with Retry-After),
 * and, for a degraded one, lets residents look (GET) but not change anything. Staff pages are
 * never switched: they are how the council runs an outage.
 */
@Component
class ServiceGate implements HandlerInterceptor {

    /** Browsers and clients are asked to come back in fifteen minutes. */
    static final String RETRY_AFTER_SECONDS = "900";

    private static final Map<ResidentService, List<PathPattern>> PAGES = Map.of(
            ResidentService.SIGN_IN, patterns("/sign-in", "/register", "/forgot-password", "/reset-password", "/confirm-email"),
            ResidentService.PCN_VIEWER, patterns("/parking", "/parking/pcn/*", "/parking/pcn/*/photos/*", "/parking/pcn/*/add-to-account"),
            // "Check your answers" is where a challenge is sent, so it is switched with the form.
            ResidentService.CHALLENGES, patterns("/parking/pcn/*/challenge", "/parking/pcn/*/challenge/check"),
            // Starting a payment only: finishing one already started (the card page, the return, the
            // receipt) is never switched off, so no payment is left half-done.
            ResidentService.COUNCIL_TAX_PAYMENTS, patterns("/council-tax/*/pay", "/pay/council-tax"),
            ResidentService.RENT_PAYMENTS, patterns("/rent/*/pay", "/pay/rent"),
            ResidentService.PCN_PAYMENTS, patterns("/parking/pcn/*/pay"));

    private final ServiceSwitches switches;

    ServiceGate(ServiceSwitches switches) {
        this.switches = switches;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        for (Map.Entry<ResidentService, List<PathPattern>> service : PAGES.entrySet()) {
            if (service.getValue().stream().noneMatch(p -> p.matches(path))) {
                continue;
            }
            ServiceStatus status = switches.statusOf(service.getKey());
            boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
            if (status.state() == ServiceState.OFF || (status.state() == ServiceState.DEGRADED && !reading)) {
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                request.setAttribute(ServiceUnavailableController.SERVICE, service.getKey());
                request.getRequestDispatcher(ServiceUnavailableController.PATH).forward(request, response);
                return false;
            }
        }
        return true;
    }

    private static List<PathPattern> patterns(String... paths) {
        return java.util.Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList();
    }
}
