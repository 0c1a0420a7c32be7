package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A fragment selector such as {@code fragments/forms :: input} also picks up every {@code <input>}
 * element in that file, so a second fragment holding an input there renders each field twice:
 * the browser then sends an empty copy of what the resident typed. Every id appears once.
 */
@TownhallTest
class FormPagesRenderEachFieldOnceTest {

    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

    @LocalServerPort int port;

    @Test
    void everyIdOnTheFormPagesAppearsOnce() {
        Visitor visitor = new Visitor(port);
        for (String path : List.of("/sign-in", "/register", "/parking", "/pay/council-tax", "/pay/rent", "/staff/sign-in")) {
            Matcher ids = ID.matcher(visitor.get(path).body());
            List<String> all = ids.results().map(m -> m.group(1)).toList();
            assertThat(all.stream().filter(id -> all.indexOf(id) != all.lastIndexOf(id)).collect(Collectors.toSet()))
                    .as("ids repeated on " + path).isEmpty();
        }
    }
}
