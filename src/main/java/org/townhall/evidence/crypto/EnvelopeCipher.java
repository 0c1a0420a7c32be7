package org.townhall.evidence.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.townhall.platform.SecretKeys;

/**
 * Envelope encryption with Tink (ADR 0007). Each document gets its own data key (AES-256-GCM); the
 * content is sealed with it and the data key is sealed with the key-encryption key, a Tink
 * keyset from TOWNHALL_EVIDENCE_KEYSET (created locally, loudly, only in the embedded default).
 * Both are bound to the document's reference as associated data, so a ciphertext or a wrapped
 * key moved to another document does not open. Destroying the wrapped key destroys the document.
 */
@Component
public class EnvelopeCipher {

    private final Aead keyEncryptionKey;

    EnvelopeCipher(SecretKeys keys, @Value("${townhall.keys.evidence-keyset:}") String configured) throws GeneralSecurityException {
        AeadConfig.register();
        String keyset = keys.textKey("evidence-keyset", "TOWNHALL_EVIDENCE_KEYSET", configured, EnvelopeCipher::newKeyset);
        this.keyEncryptionKey = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** A sealed document: the content under its own data key, and that key wrapped. */
    public record Sealed(byte[] ciphertext, byte[] wrappedKey) {
    }

    public Sealed seal(byte[] plaintext, String documentRef) {
        try {
            KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] context = documentRef.getBytes(StandardCharsets.UTF_8);
            byte[] ciphertext = dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class).encrypt(plaintext, context);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, keyEncryptionKey, context);
            return new Sealed(ciphertext, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a document", e);
        }
    }

    public byte[] open(Sealed sealed, String documentRef) {
        try {
            byte[] context = documentRef.getBytes(StandardCharsets.UTF_8);
            KeysetHandle dataKey = TinkProtoKeysetFormat.parseEncryptedKeyset(sealed.wrappedKey(), keyEncryptionKey, context);
            return dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class).decrypt(sealed.ciphertext(), context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A document could not be decrypted: wrong key, or it was moved or altered", e);
        }
    }

    static String newKeyset() {
        try {
            AeadConfig.register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not create a local evidence keyset", e);
        }
    }
}
