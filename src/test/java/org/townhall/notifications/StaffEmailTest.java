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

/** Each typed email to staff or auditors carries exactly its template's placeholders. */
class StaffEmailTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([A-Za-z]+)\\)\\)");

    @Test
    void everyMessageHasExactlyItsTemplatesPlaceholdersAsItsFields() {
        assertThat(StaffEmail.class.getPermittedSubclasses()).isNotEmpty().allSatisfy(type -> {
            Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            StaffEmail example = example(type);
            assertThat(fields).as(type.getSimpleName()).isEqualTo(placeholdersOf(example.template()));
            assertThat(example.template().letter()).as(type.getSimpleName()).isFalse();
        });
    }

    @Test
    void theCheckpointRendersWholeWithNothingLeftUnfilled() {
        StaffEmail checkpoint = new StaffEmail.AuditCheckpoint("000001-abc", "1 December 2026 06:30:00",
                "Chain 0: record 7, hash ab", "c2ln\n{}");
        String body = checkpoint.template().render(Greeting.inPlaceOfName(checkpoint.placeholders()));
        assertThat(body).startsWith("Hello,").contains("Chain 0: record 7").contains("c2ln\n{}").doesNotContain("((");
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

    private static StaffEmail example(Class<?> type) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return (StaffEmail) type.getDeclaredConstructor(types).newInstance(Arrays.stream(types).map(t -> "x").toArray());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
