package org.townhall.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Every page the application maps, found from its own request mappings, tried as an anonymous
 * visitor, a resident and each wrong staff role. A new page is covered the moment it exists;
 * a staff page without @PreAuthorize naming its roles fails here.
 */
@TownhallTest
class EndpointAccessTest {

    private static final Set<String> PUBLIC_STAFF_PAGES = Set.of("/staff/sign-in", "/staff/authenticator/**", "/staff/set-up");
    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

    @LocalServerPort int port;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired AccountFixtures fixtures;
    @Autowired AuditRows audit;

    record Endpoint(String pattern, String path, RequestMethod method, HandlerMethod handler) {
        boolean staff() {
            return pattern.startsWith("/staff");
        }

        Set<StaffRole> allowedRoles() {
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            }
            Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
            if (rule != null) {
                Matcher m = ROLE.matcher(rule.value());
                while (m.find()) {
                    if (!m.group(1).equals("STAFF")) {
                        roles.add(StaffRole.valueOf(m.group(1)));
                    }
                }
            }
            return roles;
        }
    }

    @BeforeEach
    void setUp() {
        fixtures.clearSignInThrottles();
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                // The incident API has its own door (a personal token, never a session): IncidentsAuthorisationMatrixTest.
                if (pattern.equals("/error") || pattern.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    all.add(new Endpoint(pattern, pattern.replaceAll("\\{[^}]+}", "someone-elses-ref"), method, entry.getValue()));
                }
            }
        }
        assertThat(all).extracting(Endpoint::pattern).contains("/account", "/staff/audit", "/staff/admin/staff");
        return all;
    }

    private static boolean matchesAny(String path, Iterable<String> patterns) {
        for (String pattern : patterns) {
            if (PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path))) {
                return true;
            }
        }
        return false;
    }

    private boolean isPublic(Endpoint endpoint) {
        return endpoint.staff() ? matchesAny(endpoint.path(), PUBLIC_STAFF_PAGES)
                : matchesAny(endpoint.path(), List.of(WebSecurityConfiguration.PUBLIC_RESIDENT_PAGES));
    }

    private Visitor.Page call(Visitor visitor, Endpoint endpoint) {
        return endpoint.method() == RequestMethod.GET ? visitor.get(endpoint.path()) : visitor.post(endpoint.path(), java.util.Map.of());
    }

    @Test
    void everyStaffPageNamesTheRolesItAdmits() {
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.staff() && !isPublic(endpoint)) {
                PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(endpoint.handler().getMethod(), PreAuthorize.class);
                PreAuthorize onClass = AnnotatedElementUtils.findMergedAnnotation(endpoint.handler().getBeanType(), PreAuthorize.class);
                assertThat(onMethod != null || onClass != null).as(endpoint.pattern() + " names its roles").isTrue();
            }
        }
    }

    @Test
    void anAnonymousVisitorIsSentToSignInFromEveryPrivatePageAndTheAttemptIsAudited() {
        Visitor anonymous = new Visitor(port);
        anonymous.get("/sign-in");
        for (Endpoint endpoint : endpoints()) {
            if (isPublic(endpoint)) {
                continue;
            }
            long before = audit.lastId();
            Visitor.Page page = call(anonymous, endpoint);
            assertThat(page.status()).as(endpoint.method() + " " + endpoint.pattern()).isEqualTo(302);
            // A resident's page may ask to come back after sign-in (?next=, same-site paths only).
            assertThat(page.location().replaceFirst("\\?next=.*$", "")).as(endpoint.pattern())
                    .endsWith(endpoint.staff() ? "/staff/sign-in" : "/sign-in");
            assertThat(audit.actionsSince(before)).as(endpoint.pattern()).contains("ACCESS_DENIED");
        }
    }

    @Test
    void aResidentGetsNothingFromAnyStaffPageAndTheAttemptIsAudited() {
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, fixtures.aResident().build());
        resident.get("/account");
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.staff() || isPublic(endpoint)) {
                continue;
            }
            long before = audit.lastId();
            Visitor.Page page = call(resident, endpoint);
            assertThat(page.status()).as(endpoint.method() + " " + endpoint.pattern()).isEqualTo(403);
            assertThat(audit.actionsSince(before)).as(endpoint.pattern()).containsExactly("ACCESS_DENIED");
        }
    }

    @Test
    void eachStaffPageRefusesEveryRoleItDoesNotNameAndAuditsTheAttempt() {
        for (StaffRole role : StaffRole.values()) {
            Visitor staff = new Visitor(port);
            SignIns.asStaff(staff, fixtures.aStaffMember().withRole(role).enrolled().build());
            staff.get("/staff");
            for (Endpoint endpoint : endpoints()) {
                if (!endpoint.staff() || isPublic(endpoint) || endpoint.allowedRoles().isEmpty()) {
                    continue;
                }
                long before = audit.lastId();
                Visitor.Page page = call(staff, endpoint);
                if (endpoint.allowedRoles().contains(role)) {
                    assertThat(page.status()).as(role + " on " + endpoint.pattern()).isNotEqualTo(403);
                } else {
                    assertThat(page.status()).as(role + " on " + endpoint.method() + " " + endpoint.pattern()).isEqualTo(403);
                    assertThat(audit.actionsSince(before)).as(endpoint.pattern()).containsExactly("ACCESS_DENIED");
                }
            }
        }
    }

    @Test
    void staffCannotUseResidentPages() {
        Visitor staff = new Visitor(port);
        SignIns.asStaff(staff, fixtures.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        long before = audit.lastId();
        assertThat(staff.get("/account").status()).isEqualTo(403);
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
    }
}
