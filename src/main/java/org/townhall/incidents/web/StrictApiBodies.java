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
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident API refuses a field it does not know (400, problem details naming the field)
 * instead of ignoring it: a security tool that misspells "kind" or sends a field from another
 * product's schema must hear so, not have an incident filed without what it thought it sent. For
 * the same reason a field sent twice (the last would silently win) and a choice sent as a number
 * (read as the choice at that position) are refused, and so is a NUL character in any text, which
 * PostgreSQL cannot store (a title holding one answered 500). The site-wide JSON reader stays lenient,
 * because other organisations' callbacks add fields over time.
 *
 * <p>The body is held in memory to be read twice, so it is read only up to {@link #LARGEST_BODY}:
 * a larger one is refused unread rather than buffered whole.
 */
@ControllerAdvice(assignableTypes = IncidentApiController.class)
class StrictApiBodies extends RequestBodyAdviceAdapter {

    /** Far above the largest request the API accepts (a note is at most 10,000 characters). */
    static final int LARGEST_BODY = 1024 * 1024;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    /** A body refused by this check; its message is safe to show the caller (it names no class). */
    static final class Refused extends HttpMessageNotReadableException {
        Refused(String message, HttpInputMessage input) {
            super(message, input);
        }
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isString()) {
            return node.asString().indexOf('\0') >= 0;
        }
        // An array's elements and an object's values; a name holding one is an unknown field, refused already.
        for (JsonNode element : node.values()) {
            if (holdsNul(element)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getContainingClass() == IncidentApiController.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body;
        try (InputStream in = message.getBody()) {
            body = in.readNBytes(LARGEST_BODY + 1);
        }
        if (body.length > LARGEST_BODY) {
            throw new Refused("The request body is larger than " + LARGEST_BODY + " bytes", message);
        }
        try {
            STRICT.readValue(body, STRICT.constructType(targetType));
            if (holdsNul(STRICT.readTree(body))) {
                throw new Refused("The request body has a NUL character (\\u0000) in its text", message);
            }
        } catch (UnrecognizedPropertyException e) {
            String field = e.getPropertyName() == null ? "" : e.getPropertyName();
            throw new Refused("The request body has a field this API does not know: \""
                    + (field.length() > 64 ? field.substring(0, 64) + "…" : field) + "\"", message);
        } catch (JacksonException e) {
            // Jackson's own message names classes of this application; the body is not echoed either.
            throw new Refused(e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate ")
                    ? "The request body gives a field twice" : "The request body is not JSON this API accepts", message);
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
