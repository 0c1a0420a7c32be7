package org.townhall.shield.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.townhall.shield.RateLimits;

/**
 * Rate limits per signed-in account, wherever its requests come from: a stolen session driven
 * from many addresses is held to what one person could do. Runs once the session has told us who
 * it is (after the per-address shield), before any page's own work.
 */
@Configuration(proxyBeanMethods = false)
class AccountLimits implements WebMvcConfigurer, HandlerInterceptor {

    private final RateLimits limits;
    private final RefusalPages pages;

    AccountLimits(RateLimits limits, RefusalPages pages) {
        this.limits = limits;
        this.pages = pages;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/assets/**", "/error", "/actuator/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!limits.enabled()) {
            return true;
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
            return true;
        }
        Optional<Duration> wait = limits.tryAcquireForAccount(who.getName());
        if (wait.isEmpty()) {
            return true;
        }
        pages.tooMany(request, response, wait.get());
        return false;
    }
}
