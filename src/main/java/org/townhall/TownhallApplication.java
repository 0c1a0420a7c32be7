package org.townhall;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Townhall: a council's online services as one modular Spring Boot application (ADR 0001). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TownhallApplication {

    public static void main(String[] args) {
        SpringApplication.run(TownhallApplication.class, args);
    }
}
