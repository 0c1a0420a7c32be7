package org.townhall.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * {@code java -jar townhall.jar backup | drill | restore} runs without a web application, so
 * without Spring Session's repository: the Sessions bean must still be made, or no command starts
 * ("required a bean of type FindByIndexNameSessionRepository that could not be found").
 */
class SessionsWithoutWebTest {

    @Test
    void isMadeWithoutASessionRepositoryAndEndsNothing() {
        try (AnnotationConfigApplicationContext beans = new AnnotationConfigApplicationContext(Sessions.class)) {

            assertThat(beans.getBeanProvider(FindByIndexNameSessionRepository.class).getIfAvailable()).isNull();
            assertThat(beans.getBean(Sessions.class).endAll("anyone")).isZero();
        }
    }
}
