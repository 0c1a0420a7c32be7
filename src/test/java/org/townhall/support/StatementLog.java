package org.townhall.support;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Which SQL a request's own thread sent to PostgreSQL, so a test can show structurally (never by
 * timing) what a page does. A request carrying the header {@link #HEADER} has every statement its
 * thread prepares or runs, from the first filter to the last, recorded under the header's value.
 * Statements of other threads (delivery, queues, scheduled jobs) are never recorded.
 */
public final class StatementLog {

    public static final String HEADER = "X-Test-Statement-Log";
    private static final ThreadLocal<String> RECORDING = new ThreadLocal<>();
    private static final Map<String, List<String>> STATEMENTS = new ConcurrentHashMap<>();

    private StatementLog() {
    }

    /** The SQL the request tagged {@code tag} sent on its own thread, in order. */
    public static List<String> of(String tag) {
        return List.copyOf(STATEMENTS.getOrDefault(tag, List.of()));
    }

    private static void record(Object sql) {
        String tag = RECORDING.get();
        if (tag != null && sql != null) {
            STATEMENTS.computeIfAbsent(tag, t -> new CopyOnWriteArrayList<>()).add(sql.toString().replaceAll("\\s+", " ").trim());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        /** The pool makes its connections through a data source that notes what each one is asked to run. */
        @Bean
        static BeanPostProcessor statementLogDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (bean instanceof HikariDataSource pool && pool.getDataSource() == null && pool.getJdbcUrl() != null) {
                        DriverManagerDataSource direct = new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                        pool.setDataSource(new DelegatingDataSource(direct) {
                            @Override
                            public Connection getConnection() throws SQLException {
                                return recording(super.getConnection());
                            }

                            @Override
                            public Connection getConnection(String user, String password) throws SQLException {
                                return recording(super.getConnection(user, password));
                            }
                        });
                    }
                    return bean;
                }
            };
        }

        @Bean
        Tagging statementLogFilter() {
            return new Tagging();
        }
    }

    /** First of all filters: what a tagged request's thread runs, it runs under the tag. */
    static final class Tagging extends OncePerRequestFilter implements Ordered {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String tag = request.getHeader(HEADER);
            if (tag == null) {
                chain.doFilter(request, response);
                return;
            }
            RECORDING.set(tag);
            try {
                chain.doFilter(request, response);
            } finally {
                RECORDING.remove();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static Connection recording(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            if (args != null && args.length > 0 && (method.startsWith("prepare") || method.equals("nativeSQL"))) {
                record(args[0]);
            }
        }, result -> result instanceof Statement statement && !(result instanceof PreparedStatement)
                ? recordingStatement(statement) : result);
    }

    private static Statement recordingStatement(Statement statement) {
        return proxy(Statement.class, statement, (method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String && (method.startsWith("execute") || method.equals("addBatch"))) {
                record(args[0]);
            }
        }, result -> result);
    }

    private interface Before {
        void call(String method, Object[] args);
    }

    private interface After {
        Object wrap(Object result);
    }

    private static <T> T proxy(Class<T> type, T target, Before before, After after) {
        InvocationHandler handler = (self, method, args) -> {
            before.call(method.getName(), args);
            try {
                return after.wrap(method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
