package org.townhall.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a web endpoint that hands over a resident's evidence. A request for it refused before
 * the handler runs (not signed in, a resident at a staff door, the wrong staff role) is then
 * recorded as a refused request for evidence, and counted as one by "whose evidence was read".
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface OpensEvidence {
}
