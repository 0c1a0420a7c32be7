package org.townhall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL put together from pieces of text fails only when the pieces meet without a space ("where
 * x = :actor" + "group by" reads as a parameter named "actorgroup"), and only for the
 * combination that joins them, which no other test may happen to run. So, in every class that
 * talks to the database: a text block is never joined to anything (its indentation is stripped,
 * so a space that looks present is not), and where a piece of SQL text is joined to another
 * piece, the join has a space on the text's side.
 */
class SqlTextTest {

    private static final Pattern TALKS_TO_DATABASE = Pattern.compile("JdbcClient|JdbcTemplate|PreparedStatement");
    private static final Pattern LOOKS_LIKE_SQL = Pattern.compile(
            "(?i)\\b(select|insert|update|delete|where|from|join|group by|order by|values|returning|on conflict|limit|and|or)\\b");

    @Test
    void sqlIsNeverJoinedFromTextBlocksOrWithoutASpaceAtTheJoin() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (TALKS_TO_DATABASE.matcher(source).find()) {
                    problems.addAll(joins(file.toString(), source));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A search with optional criteria is one fixed statement whose criteria are nullable
     * parameters ("cast(:x as text) is null or ..."): SQL appended piece by piece at run time
     * is a different statement for each combination of the form, and only the combinations a
     * test happens to run are known to work.
     */
    @Test
    void sqlIsNeverAssembledAtRunTimeWithAppend() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (TALKS_TO_DATABASE.matcher(source).find()) {
                    problems.addAll(appends(file.toString(), source));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(appends("e", "sql.append(\" and m.verdict = :verdict\");")).hasSize(1);
        assertThat(appends("f", "b.append(\"Payment \").append(ref);")).isEmpty();
    }

    static List<String> appends(String file, String source) {
        List<Token> tokens = tokens(source);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i + 3 < tokens.size(); i++) {
            if (tokens.get(i).text().equals(".") && tokens.get(i + 1).text().equals("append") && tokens.get(i + 2).text().equals("(")
                    && tokens.get(i + 3).string() && LOOKS_LIKE_SQL.matcher(tokens.get(i + 3).text()).find()) {
                problems.add(file + ":" + tokens.get(i).line() + ": SQL appended at run time");
            }
        }
        return problems;
    }

    @Test
    void theCheckCatchesTheFaultsItIsThereFor() {
        assertThat(joins("a", "String s = \"\"\"\n  select 1 where x = :x\"\"\" + where + \"\"\"\n  group by y\"\"\";")).hasSize(2);
        assertThat(joins("b", "String s = \"select * from t where true\" + conditions(c);")).hasSize(1);
        assertThat(joins("c", "String s = SELECT + \"where p.id = :id\";")).hasSize(1);
        assertThat(joins("d", "String s = SELECT + \" where p.id = :id\"; log(\"Payment \" + ref);")).isEmpty();
    }

    /** Every + next to SQL text in the source: a text block on either side, or no space at the join. */
    static List<String> joins(String file, String source) {
        List<Token> tokens = tokens(source);
        List<String> problems = new ArrayList<>();
        for (int i = 1; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).text().equals("+")) {
                continue;
            }
            Token left = tokens.get(i - 1);
            Token right = tokens.get(i + 1);
            String where = file + ":" + tokens.get(i).line();
            if (left.textBlock() || right.textBlock()) {
                problems.add(where + ": a text block joined to other text");
                continue;
            }
            boolean sql = (left.string() && LOOKS_LIKE_SQL.matcher(left.text()).find())
                    || (right.string() && LOOKS_LIKE_SQL.matcher(right.text()).find());
            if (!sql || (!left.string() && !right.string())) {
                continue;
            }
            boolean spaced = (left.string() && endsWithSpace(left.text())) || (right.string() && startsWithSpace(right.text()));
            if (!spaced) {
                problems.add(where + ": SQL text joined without a space on its side of the join");
            }
        }
        return problems;
    }

    private static boolean endsWithSpace(String literal) {
        return literal.endsWith(" ") || literal.endsWith("\\n") || literal.endsWith("\\t");
    }

    private static boolean startsWithSpace(String literal) {
        return literal.startsWith(" ") || literal.startsWith("\\n") || literal.startsWith("\\t");
    }

    /** A token of Java source: a string literal (its raw content), a text block, or anything else. */
    record Token(String text, boolean string, boolean textBlock, int line) {
    }

    private static List<Token> tokens(String source) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                line += count(source.substring(i, end));
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                tokens.add(new Token(source.substring(i + 3, Math.max(i + 3, end - 3)), true, true, line));
                line += count(source.substring(i, end));
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                tokens.add(new Token(source.substring(i + 1, Math.min(j, source.length())), c == '"', false, line));
                i = j + 1;
            } else if (Character.isJavaIdentifierPart(c)) {
                int j = i;
                while (j < source.length() && Character.isJavaIdentifierPart(source.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(source.substring(i, j), false, false, line));
                i = j;
            } else {
                tokens.add(new Token(String.valueOf(c), false, false, line));
                i++;
            }
        }
        return tokens;
    }

    private static int count(String text) {
        return (int) text.chars().filter(ch -> ch == '\n').count();
    }
}
