-- Inbound mail screening. Every message the relay screened, whatever its verdict, is one row of
-- mail_message (refused ones too, without their content), so the daily figures count them all.
create table mail_message (
    id                bigint generated always as identity primary key,
    public_ref        text not null unique,
    received_at       timestamptz not null,
    client_address    text not null,
    helo              text,
    envelope_from     text not null,
    recipients        text[] not null check (cardinality(recipients) between 1 and 100),
    from_header       text,
    from_domain       text,
    subject           text,
    size_bytes        integer not null check (size_bytes >= 0),
    score             integer not null,
    -- The relay's own SPF, DKIM and DMARC results (RFC 8601), passed on to the mail server.
    authentication_results text,
    verdict           text not null check (verdict in ('DELIVER', 'WARN', 'QUARANTINE', 'REFUSE')),
    -- Where the message is now: waiting for the downstream server, in the analysts' quarantine,
    -- delivered, refused during the SMTP conversation, or deleted by an analyst.
    state             text not null check (state in ('QUEUED', 'DELIVERED', 'QUARANTINED', 'REFUSED', 'DELETED', 'FAILED')),
    -- Forwarded by staff to the report address: it waits for analysts, never delivered.
    reported          boolean not null default false,
    -- Every domain its links lead to and the SHA-256 of every attachment: how a campaign is found.
    link_domains      text[] not null default '{}',
    attachment_hashes text[] not null default '{}',
    released_by       text,
    released_at       timestamptz,
    deleted_by        text,
    deleted_at        timestamptz,
    -- Quarantined after delivery ("this is phishing"): taken back out of the mailbox, or not possible.
    pulled_back       boolean not null default false
);
create index mail_message_received_idx on mail_message (received_at);
create index mail_message_state_idx on mail_message (state, received_at);
create index mail_message_from_domain_idx on mail_message (from_domain);
create index mail_message_link_domains_idx on mail_message using gin (link_domains);
create index mail_message_attachment_hashes_idx on mail_message using gin (attachment_hashes);

-- The message as accepted (forged screening headers already removed). Kept apart so searches
-- never read it; deleted with the message.
create table mail_content (
    message_id bigint primary key references mail_message (id) on delete cascade,
    raw        bytea not null
);

-- What each check found: its name, its score and its reason, shown to analysts as they are.
create table mail_finding (
    id         bigint generated always as identity primary key,
    message_id bigint not null references mail_message (id) on delete cascade,
    check_name text not null,
    score      integer not null,
    reason     text not null check (length(reason) <= 500)
);
create index mail_finding_message_idx on mail_finding (message_id);

-- The delivery queue. A message is written here in the same transaction as its acceptance,
-- before the relay answers 250, so a restart loses nothing. A claim holds a lease; the moment
-- the final dot is sent is recorded first, so a crash after it is never retried blindly (the
-- downstream server may have the message): it is marked UNCERTAIN for an analyst instead.
create table mail_delivery (
    message_id      bigint primary key references mail_message (id) on delete cascade,
    state           text not null check (state in ('WAITING', 'SENDING', 'ENDING', 'DELIVERED', 'UNCERTAIN', 'FAILED', 'CANCELLED')),
    attempts        integer not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    -- Names this delivery to the downstream server, so a mailbox that keeps it can refuse a second copy.
    delivery_key    text not null unique
);
create index mail_delivery_due_idx on mail_delivery (next_attempt_at) where state in ('WAITING', 'SENDING');

-- Sender domains analysts have declared phishing: refused at MAIL FROM and at the From header.
create table mail_blocked_domain (
    domain     text primary key,
    reason     text not null check (length(reason) between 1 and 300),
    blocked_by text not null,
    blocked_at timestamptz not null
);

-- When a sender domain or a link domain was first seen: new domains are a phishing signal.
create table mail_domain_seen (
    domain        text not null,
    kind          text not null check (kind in ('SENDER', 'LINK')),
    first_seen_at timestamptz not null,
    primary key (domain, kind)
);

-- The embedded mailbox of the default profile: the council's mail server stand-in, which staff
-- read on an admin page. A delivery key is stored once, so a repeated delivery is refused.
create table mail_mailbox (
    id            bigint generated always as identity primary key,
    delivery_key  text not null unique,
    recipients    text[] not null,
    raw           bytea not null,
    delivered_at  timestamptz not null,
    pulled_back_at timestamptz
);
