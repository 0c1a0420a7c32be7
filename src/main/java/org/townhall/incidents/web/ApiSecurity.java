package org.townhall.incidents.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.townhall.accounts.SignedInUser;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffMember;
import org.townhall.accounts.StaffRole;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.ApiTokens;

/**
 * The door for the security team's tools: /api/** answers only a personal API token in the
 * Authorization header (Bearer). No session is read or made, so a signed-in browser's cookie
 * alone gets nothing, and with no cookie to ride on a cross-site request cannot act (no CSRF
 * token is needed). Refusals are problem details (RFC 9457) and are audited.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain incidentApi(HttpSecurity http, ApiTokens tokens, StaffAccounts staff, AuditTrail audit) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(api -> api.anyRequest().hasRole("STAFF"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new BearerTokens(tokens, staff), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            if (request.getAttribute(BearerTokens.REFUSED) == null) {
                                audit.record(AuditEntry.of(AuditAction.API_TOKEN_REFUSED, AuditOutcome.DENIED, Actor.anonymous())
                                        .onNamed(request.getMethod() + " " + request.getRequestURI()).because("no token"));
                            }
                            problem(response, 401, "Unauthorized", "Send a live personal API token as: Authorization: Bearer thk_…");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            String ref = SecurityContextHolder.getContext().getAuthentication() == null ? null
                                    : SecurityContextHolder.getContext().getAuthentication().getName();
                            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.staff(ref))
                                    .onNamed(request.getMethod() + " " + request.getRequestURI()).because("api: role not allowed"));
                            problem(response, 403, "Forbidden", "Your roles do not allow this");
                        }))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .cacheControl(cache -> { }));
        return http.build();
    }

    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Cache-Control", "no-store");
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Turns a presented token into its owner, with their roles as they are now. */
    static final class BearerTokens extends OncePerRequestFilter {

        static final String REFUSED = BearerTokens.class.getName() + ".refused";

        private final ApiTokens tokens;
        private final StaffAccounts staff;

        BearerTokens(ApiTokens tokens, StaffAccounts staff) {
            this.tokens = tokens;
            this.staff = staff;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                Optional<ApiTokens.Holder> holder = tokens.authenticate(header.substring(7).trim(),
                        request.getMethod() + " " + request.getRequestURI());
                if (holder.isEmpty()) {
                    request.setAttribute(REFUSED, true);
                } else {
                    StaffMember member = staff.find(holder.get().staffRef()).orElseThrow();
                    List<SimpleGrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_STAFF")));
                    holder.get().roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
                    SignedInUser user = new SignedInUser(SignedInUser.Kind.STAFF, member.ref(), member.fullName(), member.email(),
                            holder.get().roles().isEmpty() ? java.util.EnumSet.noneOf(StaffRole.class)
                                    : java.util.EnumSet.copyOf(holder.get().roles()));
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
                    SecurityContextHolder.setContext(context);
                }
            }
            chain.doFilter(request, response);
        }
    }
}
