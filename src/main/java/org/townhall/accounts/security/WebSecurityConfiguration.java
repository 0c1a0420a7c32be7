package org.townhall.accounts.security;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.townhall.platform.SecurityHeaders;
import org.townhall.shield.Cidr;

/**
 * Two doors: staff under /staff with their own sign-in (password, then authenticator code), and
 * residents everywhere else. Each names what is public; everything else needs the right role.
 * Staff pages also name their roles with @PreAuthorize, so a missing rule denies rather than allows.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class WebSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY;

    static final String PROVIDER_NOTIFICATIONS = "/payments/provider-notifications";

    static final String[] PUBLIC_RESIDENT_PAGES = {
        "/", "/register", "/check-your-email", "/confirm-email", "/sign-in", "/forgot-password", "/reset-password",
        "/assets/**", "/error", "/favicon.ico", "/actuator/health", "/actuator/health/**",
        // The PCN viewer: anyone with the PCN number and registration (checked in parking).
        "/parking", "/parking/pcn/*", "/parking/pcn/*/photos/*",
        // Paying a looked-up PCN without an account (ADR 0028).
        "/parking/pcn/*/pay",
        // Continuity: the status page and the explanation page of a switched-off service.
        "/status", "/service-unavailable",
        // The help pages every footer links to: accessibility statement, privacy, cookies, feedback, contact.
        "/help/**",
        // Paying without an account (ADR 0027): the pay pages, and a payment's own pages, which
        // open only for the resident or browser session that made it (checked in payments).
        "/pay", "/pay/**", "/payments/*", "/payments/*/return", "/payments/*/continue", "/sandbox-pay/*", "/sandbox-pay/*/cancel",
        "/sandbox-pay/*/confirm",
        // Payment provider notifications: no session, proved by their HMAC signature (payments).
        PROVIDER_NOTIFICATIONS
    };

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(1)
    SecurityFilterChain staffPages(HttpSecurity http, SecurityContextRepository contexts, AuditingAccessDenied denied,
                                   AuditedSignOut signOut, @Value("${townhall.https-only:false}") boolean httpsOnly)
            throws Exception {
        http.securityMatcher("/staff/**")
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/staff/sign-in", "/staff/authenticator/**", "/staff/set-up").permitAll()
                        .anyRequest().hasRole("STAFF"))
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(denied.signInFirst("/staff/sign-in"))
                        .accessDeniedHandler(denied))
                .logout(logout -> logout.logoutUrl("/staff/sign-out").addLogoutHandler(signOut)
                        .logoutSuccessUrl("/staff/sign-in?signedOut"))
                .sessionManagement(sessions -> sessions.sessionFixation().changeSessionId());
        headers(http, httpsOnly);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain residentPages(HttpSecurity http, SecurityContextRepository contexts, AuditingAccessDenied denied,
                                      AuditedSignOut signOut, @Value("${townhall.https-only:false}") boolean httpsOnly,
                                      @Value("${townhall.metrics.allowed-from}") List<String> scrapers)
            throws Exception {
        List<Cidr> scraperRanges = scrapers.stream().map(r -> Cidr.parse(r)
                .orElseThrow(() -> new IllegalStateException("townhall.metrics.allowed-from: not an address range: " + r))).toList();
        http.authorizeHttpRequests(pages -> pages
                        .requestMatchers(PUBLIC_RESIDENT_PAGES).permitAll()
                        // Metrics say how an attack is going: only the monitoring system's addresses may read them.
                        .requestMatchers("/actuator/prometheus").access((authentication, context) -> new AuthorizationDecision(
                                scraperRanges.stream().anyMatch(range -> range.contains(context.getRequest().getRemoteAddr()))))
                        .anyRequest().hasRole("RESIDENT"))
                // A provider posts notifications without a session or a form; its signature is checked instead.
                .csrf(csrf -> csrf.ignoringRequestMatchers(PROVIDER_NOTIFICATIONS))
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(denied.signInFirst("/sign-in"))
                        .accessDeniedHandler(denied))
                .logout(logout -> logout.logoutUrl("/sign-out").addLogoutHandler(signOut)
                        .logoutSuccessUrl("/sign-in?signedOut"))
                .sessionManagement(sessions -> sessions.sessionFixation().changeSessionId())
                .requestCache(cache -> cache.disable());
        headers(http, httpsOnly);
        return http.build();
    }

    /**
     * In production TLS usually ends at a load balancer, so the request reaching Townhall looks
     * like plain HTTP; with townhall.https-only HSTS is sent on every response regardless.
     */
    private static void headers(HttpSecurity http, boolean httpsOnly) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                // Reset and confirmation links carry their token in the query: never send it on.
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .contentTypeOptions(Customizer.withDefaults())
                .httpStrictTransportSecurity(hsts -> {
                    hsts.includeSubDomains(true).maxAgeInSeconds(SecurityHeaders.HSTS_MAX_AGE_SECONDS);
                    if (httpsOnly) {
                        hsts.requestMatcher(AnyRequestMatcher.INSTANCE);
                    }
                }));
    }
}
