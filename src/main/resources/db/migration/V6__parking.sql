-- Parking: PCNs, their photos, challenges and representations, decisions and letters (ADR 0008).
-- Charges are set per band by London Councils; money is integer pence.
create table contravention (
    code        text primary key check (code ~ '^[0-9]{2}[a-z]?$'),
    description text not null,
    band        text not null check (band in ('HIGHER', 'LOWER'))
);

create table pcn (
    id                bigint generated always as identity primary key,
    public_ref        text not null unique,
    pcn_number        text not null unique check (pcn_number ~ '^EB[0-9]{8}[A-Z]$'),
    vrm               text not null check (vrm ~ '^[A-Z0-9]{2,8}$'),
    contravention     text not null references contravention (code),
    location          text not null check (length(location) <= 200),
    observed_at       timestamptz not null,
    officer_number    text not null check (length(officer_number) <= 20),
    charge_pence      bigint not null check (charge_pence > 0),
    served_on         date not null,
    nto_served_on     date,
    cc_served_on      date,
    status            text not null check (status in ('OPEN', 'PAID', 'CANCELLED')),
    paid_pence        bigint not null default 0 check (paid_pence >= 0),
    resident_ref      text,
    demo              boolean not null default false
);
create index pcn_resident_idx on pcn (resident_ref);

-- Look-ups of a PCN by number and registration, counted per client address and per PCN number
-- in fixed windows, so guessing numbers from one place is slowed and seen.
create table pcn_lookup_window (
    scope        text not null check (scope in ('ADDRESS', 'PCN')),
    key          text not null check (length(key) <= 64),
    window_start timestamptz not null,
    attempts     integer not null check (attempts >= 0),
    primary key (scope, key)
);

create table pcn_photo (
    id           bigint generated always as identity primary key,
    public_ref   text not null unique,
    pcn_id       bigint not null references pcn (id),
    caption      text not null check (length(caption) <= 200),
    content_type text not null check (content_type in ('image/jpeg', 'image/png')),
    content      bytea not null
);
create index pcn_photo_pcn_idx on pcn_photo (pcn_id);

create table parking_case (
    id               bigint generated always as identity primary key,
    public_ref       text not null unique,
    pcn_id           bigint not null references pcn (id),
    kind             text not null check (kind in ('INFORMAL_CHALLENGE', 'REPRESENTATIONS')),
    grounds          text not null check (length(grounds) <= 100),
    statement        text not null check (length(statement) between 1 and 5000),
    resident_ref     text not null,
    received_on      date not null,
    decide_by        date not null,
    assigned_officer text,
    status           text not null check (status in ('OPEN', 'ACCEPTED', 'REJECTED', 'DEEMED_ACCEPTED')),
    decision_reason  text check (length(decision_reason) <= 5000),
    decided_on       date,
    decided_by       text,
    closed_at        timestamptz,
    evidence_destroyed_at timestamptz,
    check ((status = 'OPEN') = (decided_on is null))
);
create index parking_case_queue_idx on parking_case (status, decide_by);
create index parking_case_pcn_idx on parking_case (pcn_id);
-- One open case per PCN: a second challenge waits for the first decision.
create unique index parking_case_one_open_idx on parking_case (pcn_id) where status = 'OPEN';

create table parking_letter (
    id         bigint generated always as identity primary key,
    public_ref text not null unique,
    pcn_id     bigint not null references pcn (id),
    case_id    bigint references parking_case (id),
    kind       text not null check (kind in ('NOTICE_OF_REJECTION', 'INFORMAL_REJECTION', 'CANCELLATION', 'DEEMED_ACCEPTANCE')),
    body       text not null,
    sent_on    date not null
);
create index parking_letter_pcn_idx on parking_letter (pcn_id);

insert into contravention (code, description, band) values
    ('01', 'Parked in a restricted street during prescribed hours', 'HIGHER'),
    ('02', 'Parked or loading/unloading in a restricted street where waiting and loading/unloading restrictions are in force', 'HIGHER'),
    ('05', 'Parked after the expiry of paid for time', 'LOWER'),
    ('06', 'Parked without clearly displaying a valid pay & display ticket or voucher', 'LOWER'),
    ('12', 'Parked in a residents'' or shared use parking place without clearly displaying a permit or voucher', 'HIGHER'),
    ('16', 'Parked in a permit space without displaying a valid permit', 'HIGHER'),
    ('19', 'Parked in a residents'' or shared use parking place displaying an invalid permit', 'LOWER'),
    ('25', 'Parked in a loading place during restricted hours without loading', 'HIGHER'),
    ('27', 'Parked adjacent to a dropped footway', 'HIGHER'),
    ('30', 'Parked for longer than permitted', 'LOWER'),
    ('40', 'Parked in a designated disabled person''s parking place without displaying a valid disabled person''s badge', 'HIGHER'),
    ('47', 'Stopped on a restricted bus stop or stand', 'HIGHER'),
    ('62', 'Parked with one or more wheels on or over a footpath or any part of a road other than a carriageway', 'HIGHER');
