package org.townhall.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts, per thread, what the application's connection pool sends to PostgreSQL: statements
 * executed (a batch, or several statements sent in one string, is one), commits and rollbacks,
 * and transactions (a commit, a rollback, or a statement run on its own in auto-commit). A bench
 * resets the count before one step of a journey and reads it after, so it can say what each step
 * costs in round trips without a statistics extension in the database.
 */
final class RoundTrips {

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[4]);

    private RoundTrips() {
    }

    /** Wraps the application's data source (the bean named dataSource) as the context is built. */
    static ApplicationContextInitializer<ConfigurableApplicationContext> counting() {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return "dataSource".equals(name) && bean instanceof DataSource pool ? new Counted(pool) : bean;
            }
        });
    }

    static void reset() {
        long[] c = COUNTS.get();
        c[0] = 0;
        c[1] = 0;
        c[2] = 0;
        c[3] = 0;
    }

    /** Statements, transactions, commits (and rollbacks), and the sandbox provider's statements, since the last reset, on this thread. */
    static long[] read() {
        return COUNTS.get().clone();
    }

    private static final class Counted extends DelegatingDataSource {
        Counted(DataSource pool) {
            super(pool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }
    }

    private static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionCounter(connection));
    }

    private record ConnectionCounter(Connection target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback") && (args == null || args.length == 0)) {
                long[] c = COUNTS.get();
                c[1]++;
                c[2]++;
            }
            if (name.equals("unwrap") && args[0] == Connection.class) {
                return proxy;
            }
            Object result = call(target, method, args);
            if (result instanceof Statement statement) {
                Class<?> type = method.getReturnType();
                return Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {type},
                        new StatementCounter(statement, target,
                        args != null && args.length > 0 && args[0] instanceof String sql && sql.contains("sandbox_")));
            }
            return result;
        }
    }

    private record StatementCounter(Statement target, Connection connection, boolean providers) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (EXECUTES.contains(method.getName())) {
                long[] c = COUNTS.get();
                c[0]++;
                if (providers) {
                    c[3]++;
                }
                if (connection.getAutoCommit()) {
                    c[1]++;
                }
            }
            return call(target, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
