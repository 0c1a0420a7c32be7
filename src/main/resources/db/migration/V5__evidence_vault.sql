-- The evidence vault (ADR 0007). Each document has its own data key, stored only wrapped by the
-- key-encryption key that lives outside the database; the content lives in the object store.
create table evidence_document (
    id           bigint generated always as identity primary key,
    public_ref   text not null unique,
    case_ref     text not null check (length(case_ref) <= 64),
    owner_ref    text not null check (length(owner_ref) <= 64),
    file_name    text not null check (length(file_name) between 1 and 120),
    content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes   integer not null check (size_bytes > 0 and size_bytes <= 10485760),
    sha256       bytea not null check (length(sha256) = 32),
    wrapped_key  bytea,
    object_key   text not null unique,
    uploaded_at  timestamptz not null,
    destroyed_at timestamptz,
    -- A destroyed document has no key left: that is what destroys it (crypto-shredding).
    check ((wrapped_key is null) = (destroyed_at is not null))
);
create index evidence_document_case_idx on evidence_document (case_ref);
create index evidence_document_owner_idx on evidence_document (owner_ref);

-- The PostgreSQL object store: ciphertext only.
create table evidence_object (
    object_key text primary key,
    ciphertext bytea not null
);

-- Every read of a document, for the owner's "who has seen my evidence" page. The audit trail holds
-- the same reads, hash-chained; this keeps the reader's name and role as they were at the time.
create table evidence_access (
    id            bigint generated always as identity primary key,
    document_ref  text not null,
    case_ref      text not null,
    owner_ref     text not null,
    reader_kind   text not null check (reader_kind in ('RESIDENT', 'STAFF')),
    reader_ref    text not null,
    reader_label  text not null check (length(reader_label) <= 200),
    purpose       text not null check (length(purpose) <= 200),
    client_address inet,
    accessed_at   timestamptz not null
);
create index evidence_access_owner_idx on evidence_access (owner_ref, accessed_at);
create index evidence_access_reader_idx on evidence_access (reader_ref, accessed_at);
create index evidence_access_client_idx on evidence_access (client_address, accessed_at);
