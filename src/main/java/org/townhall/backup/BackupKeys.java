package org.townhall.backup;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.townhall.platform.SecretKeys;

/**
 * The keys of backups (ADR 0023). The running application holds the signing key (it signs every
 * manifest and anchor) and only the public, encrypting half of the backup key: a backup it writes
 * it can never read back, so neither can ransomware running as Townhall. The decrypting half is
 * made once and belongs offline with the council; restore and the drill are given it explicitly.
 */
@Component
public class BackupKeys {

    private static final Logger log = LoggerFactory.getLogger(BackupKeys.class);
    static final String OFFLINE_KEY_FILE = "backup-decryption-MOVE-OFFLINE.json";

    private final String installation;
    private final KeysetHandle signing;
    private final KeysetHandle encrypting;

    BackupKeys(SecretKeys keys,
               @Value("${townhall.backup.installation-id:}") String installationId,
               @Value("${townhall.backup.signing-keyset:}") String signingKeyset,
               @Value("${townhall.backup.public-keyset:}") String publicKeyset,
               @Value("${townhall.keys.local-dir:./data/keys}") Path localDir) {
        try {
            SignatureConfig.register();
            HybridConfig.register();
            StreamingAeadConfig.register();
            this.installation = keys.textKey("installation-id", "TOWNHALL_BACKUP_INSTALLATION_ID", installationId,
                    () -> UUID.randomUUID().toString());
            this.signing = TinkJsonProtoKeysetFormat.parseKeyset(keys.textKey("backup-signing",
                    "TOWNHALL_BACKUP_SIGNING_KEYSET", signingKeyset, BackupKeys::newSigningKeyset), InsecureSecretKeyAccess.get());
            this.encrypting = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(keys.textKey("backup-public",
                    "TOWNHALL_BACKUP_PUBLIC_KEYSET", publicKeyset, () -> newOfflinePair(localDir)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The backup keys could not be read", e);
        }
    }

    /** Which installation a backup comes from: a restore into another is refused. */
    public String installation() {
        return installation;
    }

    byte[] sign(byte[] data) {
        try {
            return signing.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class).sign(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign", e);
        }
    }

    /** Throws if {@code signature} is not this installation's signature of {@code data}. */
    void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
        signing.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class).verify(signature, data);
    }

    HybridEncrypt encrypter() {
        try {
            return encrypting.getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The backup public key is not a hybrid encryption key", e);
        }
    }

    /** The offline half, read from where the council keeps it, for restore and drills only. */
    static HybridDecrypt decrypter(Path offlineKeyFile) {
        try {
            HybridConfig.register();
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(offlineKeyFile), InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the backup decryption key " + offlineKeyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not a backup decryption key: " + offlineKeyFile, e);
        }
    }

    private static String newSigningKeyset() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newOfflinePair(Path localDir) {
        try {
            KeysetHandle pair = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
            Path offline = localDir.resolve(OFFLINE_KEY_FILE);
            Files.createDirectories(localDir);
            Files.writeString(offline, TinkJsonProtoKeysetFormat.serializeKeyset(pair, InsecureSecretKeyAccess.get()));
            try {
                Files.setPosixFilePermissions(offline, PosixFilePermissions.fromString("r--------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays under the user's own profile directory.
            }
            log.warn("""

                    ************************************************************************
                    *  BACKUP DECRYPTION KEY CREATED at {}
                    *  Backups are encrypted so that Townhall itself cannot read them. This
                    *  file is the ONLY way to read them back. Copy it somewhere offline (a
                    *  safe, a hardware token) and DELETE it from this machine: ransomware
                    *  that finds it here can read every backup.
                    ************************************************************************""",
                    offline.toAbsolutePath());
            return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(pair.getPublicKeysetHandle());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
