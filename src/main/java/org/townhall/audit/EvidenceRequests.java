package org.townhall.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Tells whether a request is one for evidence: whether it would reach an endpoint marked
 * {@link OpensEvidence}. Worked out from the application's own request mappings and matched as
 * the dispatcher matches them, so a refusal is recognised however the path is spelt (an escaped
 * letter reaches the same endpoint and is counted the same), and a new evidence endpoint needs
 * only its mark.
 */
@Component
public class EvidenceRequests {

    private record Endpoint(Set<PathPattern> patterns, Set<RequestMethod> methods) {
    }

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile List<Endpoint> endpoints;

    EvidenceRequests(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    public boolean isEvidenceRequest(HttpServletRequest request) {
        PathContainer path = path(request);
        RequestMethod method = RequestMethod.resolve(request.getMethod());
        return endpoints().stream().anyMatch(endpoint -> (endpoint.methods().isEmpty() || endpoint.methods().contains(method))
                && endpoint.patterns().stream().anyMatch(pattern -> pattern.matches(path)));
    }

    private static PathContainer path(HttpServletRequest request) {
        RequestPath path = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : RequestPath.parse(request.getRequestURI(), request.getContextPath());
        return path.pathWithinApplication();
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> known = endpoints;
        if (known == null) {
            known = endpoints = find(mappings.getObject().getHandlerMethods());
        }
        return known;
    }

    private static List<Endpoint> find(Map<RequestMappingInfo, HandlerMethod> handlers) {
        return handlers.entrySet().stream().filter(e -> e.getValue().hasMethodAnnotation(OpensEvidence.class))
                .map(e -> new Endpoint(patterns(e.getKey()), e.getKey().getMethodsCondition().getMethods())).toList();
    }

    private static Set<PathPattern> patterns(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null) {
            throw new IllegalStateException("Evidence endpoints are matched by path patterns, as Spring MVC does by default");
        }
        return condition.getPatterns();
    }
}
