package org.townhall.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a refusal to start as Spring Boot's "APPLICATION FAILED TO START" report (description and
 * action) and nothing else, wherever in start-up it was thrown and however deeply it is wrapped.
 * Registered in META-INF/spring.factories, as failure analyzers must be: they run when there may
 * be no application context at all.
 */
class StartRefusedAnalyzer extends AbstractFailureAnalyzer<StartRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartRefused cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
