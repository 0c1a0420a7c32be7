package org.townhall.incidents.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Malformed JSON, a wrong content type or an unknown value for a choice gets problem details
 * (RFC 9457) from the API, never an HTML error page or a stack trace. A body the strict check
 * refused says why (an unknown field by its name), as that check promises the caller.
 */
@RestControllerAdvice(assignableTypes = IncidentApiController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (ex instanceof StrictApiBodies.Refused refused) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(status, refused.getMessage());
            return handleExceptionInternal(ex, body, headers, status, request);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }
}
