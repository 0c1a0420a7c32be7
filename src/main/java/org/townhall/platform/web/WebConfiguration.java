package org.townhall.platform.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Forms shown again with errors answer 422 (FormErrorStatus). GOV.UK Frontend from its webjar.
 * Its fonts are not served: GDS Transport is for GOV.UK itself, so council pages fall back to
 * Arial (townhall.css says so).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private static final String FRONTEND = "classpath:/META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/";

    /**
     * Pages are written in British English whatever language the browser asks for, so their dates
     * ("1 Sept 2026") read the same on every browser and in the PDFs and CSVs made from them.
     */
    @Bean
    LocaleResolver localeResolver() {
        return new FixedLocaleResolver(Locale.UK);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new FormErrorStatus());
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl week = CacheControl.maxAge(Duration.ofDays(7)).cachePublic();
        registry.addResourceHandler("/assets/images/**").addResourceLocations(FRONTEND + "assets/images/").setCacheControl(week);
        registry.addResourceHandler("/assets/govuk/**").addResourceLocations(FRONTEND).setCacheControl(week);
        registry.addResourceHandler("/assets/townhall/**").addResourceLocations("classpath:/static/townhall/").setCacheControl(week);
    }
}
