package org.townhall.shield.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.townhall.platform.CouncilContact;
import org.townhall.platform.CouncilProperties;

/**
 * What the shield answers when it refuses: 429 (too many requests), 403 (a blocked network) and
 * 503 (shedding load), with Retry-After where waiting helps. Browsers get a GOV.UK-styled page with
 * the council's header and footer, a way back to the start and the other ways to get help (phone,
 * in person), because a resident refused online still has a deadline to meet. Each page is built
 * once, when Townhall starts, and served as the same bytes: under a flood a refusal costs a write,
 * never a template.
 */
@Component
class RefusalPages {

    private static final byte[] TOO_MANY_PROBLEM = """
            {"type":"about:blank","title":"Too many requests","status":429,"detail":"Too many requests from this client. Retry after the time in the Retry-After header."}"""
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] BLOCKED_PROBLEM = """
            {"type":"about:blank","title":"Forbidden","status":403,"detail":"Requests from this network are blocked."}"""
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SHED_PROBLEM = """
            {"type":"about:blank","title":"Service busy","status":503,"detail":"The service is shedding load. Retry after the time in the Retry-After header."}"""
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] tooMany;
    private final byte[] blocked;
    private final byte[] shed;

    RefusalPages(CouncilProperties council, CouncilContact contact) {
        this.tooMany = page(council, contact, "Sorry, there have been too many requests", """
                <p class="govuk-body">Too many requests have come from your connection in a short time. Wait a minute and try again.</p>
                <p class="govuk-body">Nothing you sent has been lost: if you were part-way through something, go back and send it again.</p>""");
        this.blocked = page(council, contact, "Access from your network has been blocked", """
                <p class="govuk-body">Requests from your network have been blocked because of an attack on the council's services.</p>
                <p class="govuk-body">If you need to use this service, try another connection (for example, mobile data), or contact the council another way.</p>""");
        this.shed = page(council, contact, "Sorry, the service is very busy", """
                <p class="govuk-body">So many people are using the council's online services that we cannot answer this request now.
                Try again in a few seconds.</p>
                <p class="govuk-body">Payments already started and challenges already written are answered first: if you were finishing
                one, go back and send it again.</p>""");
    }

    void tooMany(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        answer(request, response, 429, wait, tooMany, TOO_MANY_PROBLEM);
    }

    void blocked(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, 403, null, blocked, BLOCKED_PROBLEM);
    }

    void shed(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        answer(request, response, 503, wait, shed, SHED_PROBLEM);
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, int status, Duration wait, byte[] page,
                               byte[] problem) throws IOException {
        response.setStatus(status);
        if (wait != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        }
        response.setHeader("Cache-Control", "no-store");
        // Refused before Spring Security runs, so the refusal carries its own safe headers.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'none'; frame-ancestors 'none'");
        String accept = request.getHeader("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        response.setContentType(browser ? "text/html;charset=UTF-8" : "application/problem+json");
        byte[] body = browser ? page : problem;
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The layout's header, a main with the message, the way home and other ways to get help, and the layout's footer. */
    private static byte[] page(CouncilProperties council, CouncilContact contact, String title, String message) {
        String name = HtmlUtils.htmlEscape(council.name());
        String service = HtmlUtils.htmlEscape(council.serviceName());
        String phone = HtmlUtils.htmlEscape(contact.phone());
        String email = HtmlUtils.htmlEscape(contact.email());
        return ("""
                <!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8">
                <title>%1$s – %2$s – %3$s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css"><link rel="stylesheet" href="/assets/townhall/townhall.css">
                </head><body class="govuk-template__body">
                <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
                <header class="townhall-header"><div class="govuk-header"><div class="govuk-header__container govuk-width-container">
                <div class="govuk-header__logo"><a href="/" class="govuk-header__link govuk-header__link--homepage">
                <span class="townhall-header__council">%3$s</span></a></div>
                <div class="govuk-header__content"><a href="/" class="govuk-header__link govuk-header__service-name">%2$s</a></div>
                </div></div></header>
                <div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">%1$s</h1>
                %4$s
                <p class="govuk-body"><a class="govuk-link" href="/">Go to the start page</a></p>
                <h2 class="govuk-heading-m">Other ways to get help</h2>
                <p class="govuk-body">You can also pay, challenge a parking fine or ask about your account by phone or in person.</p>
                <ul class="govuk-list">
                <li>Phone: <strong>%5$s</strong> (%6$s)</li>
                <li>In person: %7$s (%8$s)</li>
                <li>Email: <a class="govuk-link" href="mailto:%9$s">%9$s</a></li>
                </ul>
                <p class="govuk-body">If a deadline is close, tell us when you contact us.</p>
                </div></div></main></div>
                <footer class="govuk-footer"><div class="govuk-width-container"><div class="govuk-footer__meta">
                <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">Support links</h2>
                <ul class="govuk-footer__inline-list">
                <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/status">Service status</a></li>
                <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help/contact">Contact the council</a></li>
                <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help/accessibility-statement">Accessibility statement</a></li>
                <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help/privacy-notice">Privacy</a></li>
                <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help/cookies">Cookies</a></li>
                </ul>
                <span class="govuk-footer__licence-description">© %3$s</span>
                </div></div></div></footer>
                </body></html>""".formatted(HtmlUtils.htmlEscape(title), service, name, message, phone,
                HtmlUtils.htmlEscape(contact.phoneHours()), HtmlUtils.htmlEscape(contact.visit()),
                HtmlUtils.htmlEscape(contact.visitHours()), email)).getBytes(StandardCharsets.UTF_8);
    }
}
