package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every message Townhall sends is a record whose fields are exactly its template's placeholders,
 * and every template has its record: a placeholder no field fills, or a field no placeholder uses,
 * fails here (ADR 0026). The greeting is Townhall's, never a field.
 */
class NotificationTest {

    /** Anything between double brackets, so a misspelt or spaced placeholder is still seen. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([^()]+)\\)\\)");

    @Test
    void everyMessageHasExactlyItsTemplatesPlaceholdersAsItsFields() {
        assertThat(messageTypes()).hasSizeGreaterThan(3).allSatisfy(type ->
                assertThat(mismatch(type, example(type).template())).as(type.getName()).isEmpty());
    }

    @Test
    void everyTemplateIsSentByExactlyOneMessageType() {
        Map<NotificationTemplate, List<String>> senders = new EnumMap<>(NotificationTemplate.class);
        for (Class<?> type : messageTypes()) {
            senders.computeIfAbsent(example(type).template(), t -> new ArrayList<>()).add(type.getSimpleName());
        }
        assertThat(senders.keySet()).containsExactlyInAnyOrder(NotificationTemplate.values());
        assertThat(senders.values()).allSatisfy(types -> assertThat(types).hasSize(1));
    }

    @Test
    void emailsUseEmailTemplatesAndLettersLetterTemplates() {
        assertThat(messageTypes()).allSatisfy(type -> assertThat(example(type).template().letter()).as(type.getName())
                .isEqualTo(Letter.class.isAssignableFrom(type)));
    }

    @Test
    void everyMessageRendersWholeWithNothingLeftUnfilled() {
        PostalAddress to = PostalAddress.of("The occupier", "14 Elm Grove, Eastbridge", "EB1 2AB");
        assertThat(messageTypes()).allSatisfy(type -> {
            Notification message = example(type);
            Map<String, String> fields = message instanceof Letter ? message.placeholders() : Greeting.opening(message, null);
            String whole = fill(message.template().subject(), fields) + "\n" + message.template().render(fields);
            assertThat(whole).as(type.getName()).doesNotContain("((").doesNotContain("))");
        });
    }

    /** The check itself: a record with one field misspelt, one left out or one extra does not pass. */
    @Test
    void aMisspeltMissingOrExtraFieldIsCaught() {
        record Misspelt(String amount, String refrence, String description, String reason) { }
        record Short(String amount, String reference, String description) { }
        record Extra(String amount, String reference, String description, String reason, String name) { }
        record Exact(String amount, String reference, String description, String reason) { }
        assertThat(mismatch(Misspelt.class, NotificationTemplate.PAYMENT_REFUNDED)).contains("reference", "refrence");
        assertThat(mismatch(Short.class, NotificationTemplate.PAYMENT_REFUNDED)).contains("reason");
        assertThat(mismatch(Extra.class, NotificationTemplate.PAYMENT_REFUNDED)).contains("name");
        assertThat(mismatch(Exact.class, NotificationTemplate.PAYMENT_REFUNDED)).isEmpty();
    }

    @Test
    void aResidentsMessageRendersWithTheGreetingAdded() {
        ResidentEmail refund = new ResidentEmail.PaymentRefunded("£15.50", "EBP-ABCDEFGHJK", "Council tax", "Paid twice");
        assertThat(refund.placeholders()).containsOnlyKeys("amount", "reference", "description", "reason");
        String body = refund.template().render(Greeting.opening(refund, "Amara Okafor"));
        assertThat(body).startsWith("Dear Amara Okafor,").contains("£15.50").contains("EBP-ABCDEFGHJK").contains("Paid twice");
    }

    @Test
    void theCheckpointReachesAuditorsWholeAndGreetedWithHello() {
        StaffEmail checkpoint = new StaffEmail.AuditCheckpoint("000001-abc", "1 December 2026 06:30:00",
                "Chain 0: record 7, hash ab", "c2ln\n{}");
        String body = checkpoint.template().render(Greeting.opening(checkpoint, null));
        assertThat(body).startsWith("Hello,").contains("Chain 0: record 7").contains("c2ln\n{}").doesNotContain("((");
    }

    /** Every record under Notification, through ResidentEmail, StaffEmail and Letter. */
    static List<Class<?>> messageTypes() {
        List<Class<?>> found = new ArrayList<>();
        collect(Notification.class, found);
        return found;
    }

    private static void collect(Class<?> type, List<Class<?>> found) {
        if (type.isRecord()) {
            found.add(type);
        } else {
            assertThat(type.isSealed()).as(type.getName() + " lets only its own records in").isTrue();
            Arrays.stream(type.getPermittedSubclasses()).forEach(sub -> collect(sub, found));
        }
    }

    /** What differs between a record's fields and a template's placeholders (the greeting aside); empty when they agree. */
    private static Set<String> mismatch(Class<?> type, NotificationTemplate template) {
        Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> placeholders = new TreeSet<>();
        Matcher found = PLACEHOLDER.matcher(template.subject() + "\n" + template.render(Map.of()));
        while (found.find()) {
            placeholders.add(found.group(1));
        }
        placeholders.remove(Greeting.FIELD);
        Set<String> differ = new TreeSet<>(fields);
        differ.addAll(placeholders);
        differ.removeIf(name -> fields.contains(name) && placeholders.contains(name));
        return differ;
    }

    private static String fill(String text, Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            text = text.replace("((" + field.getKey() + "))", field.getValue());
        }
        return text;
    }

    /** An instance of the record with every field "x", to ask it its template. */
    private static Notification example(Class<?> type) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            assertThat(types).as(type.getName() + ": every placeholder is text").containsOnly(String.class);
            return (Notification) type.getDeclaredConstructor(types).newInstance(Arrays.stream(types).map(t -> "x").toArray());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
