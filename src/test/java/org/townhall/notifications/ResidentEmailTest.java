package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each typed resident email carries exactly its template's placeholders, and the greeting is Townhall's. */
class ResidentEmailTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([A-Za-z]+)\\)\\)");

    @Test
    void everyMessageHasExactlyItsTemplatesPlaceholdersAsItsFields() {
        assertThat(ResidentEmail.class.getPermittedSubclasses()).isNotEmpty().allSatisfy(type -> {
            ResidentEmail example = example(type);
            Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(fields).as(type.getSimpleName()).isEqualTo(placeholdersOf(example.template()));
            assertThat(example.template().letter()).as(type.getSimpleName()).isFalse();
        });
    }

    @Test
    void aMessageRendersWholeWithTheGreetingAddedAndNothingLeftUnfilled() {
        ResidentEmail refund = new ResidentEmail.PaymentRefunded("£15.50", "EBP-ABCDEFGHJK", "Council tax", "Paid twice");
        String body = refund.template().render(Greeting.inPlaceOfName(refund.placeholders()));
        assertThat(body).startsWith("Hello,").contains("£15.50").contains("EBP-ABCDEFGHJK").contains("Paid twice")
                .doesNotContain("((");
        assertThat(refund.placeholders()).containsOnlyKeys("amount", "reference", "description", "reason");
    }

    private static Set<String> placeholdersOf(NotificationTemplate template) {
        Set<String> names = new TreeSet<>();
        Matcher found = PLACEHOLDER.matcher(template.subject() + "\n" + template.render(Map.of()));
        while (found.find()) {
            names.add(found.group(1));
        }
        names.remove(Greeting.FIELD);
        return names;
    }

    /** An instance of the record with every field "x", to ask it its template. */
    private static ResidentEmail example(Class<?> type) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = Arrays.stream(types).map(t -> "x").toArray();
            return (ResidentEmail) type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
