package org.townhall.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lifecycle's moves live twice: in its enum and in the transition table whose trigger refuses
 * any other move. This checks the two agree, and that the enum answers each move by its table.
 */
public final class Lifecycles {

    private Lifecycles() {
    }

    /**
     * {@code pairs} selects the table's (from, to) names, in that order; {@code moves} is the
     * enum's table and {@code mayMoveTo} its own answer for one move.
     */
    public static <S extends Enum<S>> void agreeWithTheDatabase(JdbcClient jdbc, String pairs, Class<S> states,
                                                                Map<S, Set<S>> moves, BiPredicate<S, S> mayMoveTo) {
        Map<S, Set<S>> inDatabase = new HashMap<>();
        jdbc.sql(pairs).query((rs, n) -> inDatabase.computeIfAbsent(Enum.valueOf(states, rs.getString(1)), s -> new HashSet<>())
                .add(Enum.valueOf(states, rs.getString(2)))).list();
        assertThat(inDatabase).isEqualTo(moves);
        for (S from : EnumSet.allOf(states)) {
            for (S to : EnumSet.allOf(states)) {
                assertThat(mayMoveTo.test(from, to)).as(from + " to " + to)
                        .isEqualTo(inDatabase.getOrDefault(from, Set.of()).contains(to));
            }
        }
    }
}
