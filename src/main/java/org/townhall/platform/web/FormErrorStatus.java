package org.townhall.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * A form shown again with its errors answers 422, on every page alike, so bad input is never
 * counted as a success: by monitoring, by the shield's metrics, by anyone scripting the site.
 * A page that already chose another status (429, 409, 503) keeps it.
 */
class FormErrorStatus implements HandlerInterceptor {

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || response.getStatus() != HttpStatus.OK.value()
                || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
            return;
        }
        boolean invalid = page.getModel().values().stream().anyMatch(value -> value instanceof BindingResult form && form.hasErrors());
        if (invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
    }
}
