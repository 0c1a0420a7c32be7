package org.townhall.evidence.store;

import java.util.Optional;

/**
 * Where sealed document bytes live: PostgreSQL by default; an S3-compatible store is the other
 * implementation a large council would configure. It only ever sees ciphertext.
 */
public interface ObjectStore {

    void put(String key, byte[] ciphertext);

    Optional<byte[]> get(String key);

    void delete(String key);
}
