package org.townhall.incidents.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident API refuses a field it does not know (400, problem details) instead of ignoring
 * it: a security tool that misspells "kind" or sends a field from another product's schema must
 * hear so, not have an incident filed without what it thought it sent. The site-wide JSON reader
 * stays lenient, because other organisations' callbacks add fields over time.
 */
@ControllerAdvice(assignableTypes = IncidentApiController.class)
class StrictApiBodies extends RequestBodyAdviceAdapter {

    private static final JsonMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getContainingClass() == IncidentApiController.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = message.getBody().readAllBytes();
        try {
            STRICT.readValue(body, STRICT.constructType(targetType));
        } catch (JacksonException e) {
            // The reader's own message names the field; the body is not echoed.
            throw new HttpMessageNotReadableException("The request body is not one this API accepts: "
                    + e.getOriginalMessage(), message);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }
}
