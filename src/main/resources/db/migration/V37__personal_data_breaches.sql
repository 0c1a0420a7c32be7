-- Personal data breaches (UK GDPR Art 33 and 34). Every breach is recorded with its facts, the
-- risk to people and the decision whether to notify the ICO, with the reasoning kept when not
-- (Art 33(5)); the ICO must be told within 72 hours of the council becoming aware (Art 33(1)).
create table breach_assessment (
    incident_id          bigint primary key references incident (id),
    personal_data_breach boolean not null,
    aware_at             timestamptz not null,
    -- The Art 33(3) facts.
    nature               text not null check (length(nature) between 1 and 5000),
    people_categories    text check (length(people_categories) <= 2000),
    people_count         bigint check (people_count >= 0),
    record_categories    text check (length(record_categories) <= 2000),
    record_count         bigint check (record_count >= 0),
    consequences         text check (length(consequences) <= 5000),
    measures             text check (length(measures) <= 5000),
    dpo_contact          text check (length(dpo_contact) <= 500),
    risk                 text not null check (risk in ('NONE', 'RISK', 'HIGH')),
    notify_ico           boolean not null,
    not_notifying_reason text check (length(not_notifying_reason) <= 5000),
    assessed_by          text not null,
    assessed_at          timestamptz not null,
    version              integer not null default 0,
    -- A breach likely to result in a risk must be notified; not notifying needs its reasons.
    check (not personal_data_breach or risk = 'NONE' or notify_ico),
    check (notify_ico or not_notifying_reason is not null)
);

-- Notification in phases (Art 33(4)): the initial one, then follow-ups as facts are found.
create table breach_ico_notification (
    id           bigint generated always as identity primary key,
    incident_id  bigint not null references breach_assessment (incident_id),
    phase        text not null check (phase in ('INITIAL', 'FOLLOW_UP')),
    sent_at      timestamptz not null,
    ico_reference text check (length(ico_reference) <= 100),
    summary      text not null check (length(summary) between 1 and 5000),
    -- Required when the initial notification is later than 72 hours (Art 33(1)); checked by Breaches.
    late_reasons text check (length(late_reasons) <= 5000),
    recorded_by  text not null,
    recorded_at  timestamptz not null
);
create unique index breach_ico_notification_initial_idx on breach_ico_notification (incident_id) where phase = 'INITIAL';

-- Each warning of the 72-hour clock goes out once.
create table breach_clock_warning (
    incident_id bigint not null references breach_assessment (incident_id),
    warning     text not null check (warning in ('HOURS_24', 'HOURS_6', 'OVERDUE')),
    sent_at     timestamptz not null,
    primary key (incident_id, warning)
);

-- Telling affected residents (Art 34): the wording an officer approved once, and each resident told.
create table breach_resident_notice (
    incident_id bigint primary key references breach_assessment (incident_id),
    wording     text not null check (length(wording) between 1 and 5000),
    approved_by text not null,
    approved_at timestamptz not null
);

create table breach_resident_told (
    incident_id     bigint not null references breach_resident_notice (incident_id),
    resident_ref    text not null,
    notification_ref text not null,
    told_at         timestamptz not null,
    primary key (incident_id, resident_ref)
);

create trigger breach_assessment_kept before delete on breach_assessment
    for each row execute function incident_register_is_kept();
create trigger breach_ico_notification_kept before update or delete on breach_ico_notification
    for each row execute function incident_register_is_kept();
create trigger breach_resident_notice_kept before update or delete on breach_resident_notice
    for each row execute function incident_register_is_kept();
