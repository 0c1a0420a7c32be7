package org.townhall.backup;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townhall.backup.store.BackupStore;
import org.townhall.backup.store.LocalDirectoryStore;

/** Which backup store: a local directory (default, ./data/backups); an object-lock bucket is not built yet. */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    @Bean
    BackupStore backupStore(@Value("${townhall.backup.directory:./data/backups}") Path directory) {
        return new LocalDirectoryStore(directory);
    }
}
