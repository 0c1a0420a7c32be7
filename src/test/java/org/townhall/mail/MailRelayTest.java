package org.townhall.mail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.townhall.support.TestClock;

/**
 * The whole application with its mail relay on a free port delivering to GreenMail, the
 * council's mail server in these tests. Every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClock.Configuration.class)
@ContextConfiguration(initializers = MailPeers.class)
public @interface MailRelayTest {
}
