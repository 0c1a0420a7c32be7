package org.townhall.platform.database;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Starts the embedded PostgreSQL the moment the configuration is read, before Spring builds the
 * application, under exactly the conditions {@link EmbeddedDatabaseConfiguration} has (not the
 * production profile; {@code townhall.embedded-database.enabled} not false). Registered in
 * META-INF/spring.factories because no bean exists yet at this point.
 */
class StartDatabaseEarly implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        directoryToStart(environment).ifPresent(dir -> EmbeddedServers.startInBackground(dir, keyDirectory(environment),
                environment.getProperty("townhall.embedded-database.clean", Boolean.class, false)));
    }

    /** The data directory whose server the application is going to need, if it needs one. */
    static Optional<Path> directoryToStart(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("production"))
                || !environment.getProperty("townhall.embedded-database.enabled", Boolean.class, true)) {
            return Optional.empty();
        }
        return Optional.ofNullable(environment.getProperty("townhall.embedded-database.data-dir")).map(Path::of);
    }

    /** Where the roles' generated passwords are kept: the same directory as the other local keys. */
    static Path keyDirectory(Environment environment) {
        return Path.of(environment.getProperty("townhall.keys.local-dir", EmbeddedDatabaseConfiguration.DEFAULT_KEY_DIR));
    }
}
