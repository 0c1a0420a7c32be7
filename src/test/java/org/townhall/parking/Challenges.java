package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.townhall.support.Visitor;

/** Sending a challenge as a resident does: the form, then "Check your answers", then Send. */
public final class Challenges {

    private Challenges() {
    }

    /**
     * Posts the challenge form at {@code formPath}; when it goes on to "Check your answers", sends
     * it from there and returns that answer (a redirect to the case). A form that comes back with
     * problems is returned as it is.
     */
    public static Visitor.Page send(Visitor visitor, String formPath, Map<String, String> fields, List<Visitor.Upload> files) {
        Visitor.Page form = visitor.postMultipart(formPath, fields, files);
        if (form.location() == null || !form.location().endsWith("/challenge/check")) {
            return form;
        }
        Visitor.Page check = visitor.get(formPath + "/check");
        assertThat(check.body()).contains("Check your answers before sending");
        return visitor.post(formPath + "/check");
    }
}
