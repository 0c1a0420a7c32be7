package org.townhall;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.townhall.backup.BackupCommand;

/** Townhall: a council's online services as one modular Spring Boot application (ADR 0001). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TownhallApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(TownhallApplication.class);
        if (BackupCommand.isCommand(args)) {
            // backup, drill, restore: do the work and exit, serving no pages (backup.BackupCommand).
            args = BackupCommand.withDefaults(args);
        }
        application.run(args);
    }
}
