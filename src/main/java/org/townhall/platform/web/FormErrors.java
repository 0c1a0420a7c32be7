package org.townhall.platform.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.util.DetailedError;

/**
 * The error summary's list, as the GOV.UK Design System's "Error summary" asks: the form's own
 * problems first, then one per field (the first found), in the order the fields are on the form.
 * Bean Validation reports violations in no fixed order, so without this a summary changed its
 * order between submissions and listed a field twice when it broke two rules.
 */
@Component("formErrors")
public class FormErrors {

    /**
     * Fields laid out after the form record's own, whose problems are reported as errors of the whole
     * form with the field's id as their code: uploaded files, bound apart from the form.
     */
    static final List<String> OUTSIDE_THE_FORM = List.of("evidence");

    /** The form's fields in order: the form record's components, which the pages lay out in the same order. */
    public List<DetailedError> inOrder(List<DetailedError> errors, Object form) {
        List<String> fields = new ArrayList<>();
        if (form != null && form.getClass().isRecord()) {
            for (RecordComponent component : form.getClass().getRecordComponents()) {
                fields.add(component.getName());
            }
        }
        fields.addAll(OUTSIDE_THE_FORM);
        Set<String> seen = new HashSet<>();
        List<DetailedError> kept = new ArrayList<>();
        for (DetailedError error : errors) {
            String key = OUTSIDE_THE_FORM.contains(error.getCode()) ? error.getCode()
                    : error.isGlobal() ? "global:" + error.getMessage() : error.getFieldName();
            if (seen.add(key)) {
                kept.add(error);
            }
        }
        kept.sort(Comparator.comparingInt(error -> position(error, fields)));
        return kept;
    }

    private static int position(DetailedError error, List<String> fields) {
        if (error.isGlobal() && !OUTSIDE_THE_FORM.contains(error.getCode())) {
            return -1;
        }
        int at = fields.indexOf(error.isGlobal() ? error.getCode() : error.getFieldName());
        return at < 0 ? fields.size() : at;
    }
}
