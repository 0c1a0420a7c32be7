package org.townhall.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where an act came from: the client address and the request id that ties log lines and audit
 * rows together. Outside a web request (scheduled jobs, start-up) it is the system itself.
 */
public record ClientOrigin(String clientAddress, String requestId, String userAgent) {

    public static final String REQUEST_ID_ATTRIBUTE = ClientOrigin.class.getName() + ".requestId";
    private static final int MAX_USER_AGENT = 200;

    public static ClientOrigin system() {
        return new ClientOrigin(null, null, null);
    }

    /** The origin of the request this thread is serving, or the system when there is none. */
    public static ClientOrigin current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return of(servlet.getRequest());
        }
        return system();
    }

    public static ClientOrigin of(HttpServletRequest request) {
        Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientOrigin(request.getRemoteAddr(), requestId == null ? null : requestId.toString(), agent);
    }
}
