package org.townhall.incidents.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Malformed JSON, a wrong content type or an unknown value for a choice gets problem details
 * (RFC 9457) from the API, never an HTML error page or a stack trace.
 */
@RestControllerAdvice(assignableTypes = IncidentApiController.class)
class ApiProblems extends ResponseEntityExceptionHandler {
}
