package org.townhall.continuity.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the service gate in front of every resident page. */
@Configuration(proxyBeanMethods = false)
class WebGateConfiguration implements WebMvcConfigurer {

    private final ServiceGate gate;

    WebGateConfiguration(ServiceGate gate) {
        this.gate = gate;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(gate).excludePathPatterns("/staff/**", "/assets/**", "/status", "/service-unavailable", "/error");
    }
}
