-- Rule sets, grading cycles, scorecards, published results and the audit trail
-- (DOMAIN.md §4, §7). Every per-organisation table carries the county's division code.

CREATE SEQUENCE rule_set_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE cycle_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE scorecard_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE rule_set (
    id              bigint       PRIMARY KEY,
    jurisdiction_id bigint       NOT NULL REFERENCES organization (id),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    year            integer      NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    version_number  integer      NOT NULL CHECK (version_number >= 1),
    label           varchar(40)  NOT NULL UNIQUE,
    name            varchar(100) NOT NULL CHECK (length(name) > 0),
    status          varchar(10)  NOT NULL CHECK (status IN ('DRAFT', 'IN_USE')),
    based_on_id     bigint       REFERENCES rule_set (id),
    definition      jsonb        NOT NULL,
    revision        bigint       NOT NULL DEFAULT 0,
    created_by      varchar(100) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (jurisdiction_id, year, version_number)
);

-- a rule set that a cycle uses never changes again, whatever the application does
CREATE FUNCTION rule_set_in_use_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'IN_USE' THEN
            RAISE EXCEPTION 'rule set % is in use and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'IN_USE' AND (NEW.definition IS DISTINCT FROM OLD.definition OR NEW.name IS DISTINCT FROM OLD.name
            OR NEW.status IS DISTINCT FROM OLD.status OR NEW.label IS DISTINCT FROM OLD.label) THEN
        RAISE EXCEPTION 'rule set % is in use and cannot change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER rule_set_frozen BEFORE UPDATE OR DELETE ON rule_set
    FOR EACH ROW EXECUTE FUNCTION rule_set_in_use_is_frozen();

CREATE TABLE cycle (
    id              bigint       PRIMARY KEY,
    jurisdiction_id bigint       NOT NULL REFERENCES organization (id),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    year            integer      NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    phase           varchar(10)  NOT NULL CHECK (phase IN ('MID_YEAR', 'ANNUAL')),
    state           varchar(10)  NOT NULL CHECK (state IN ('OPEN', 'LOCKED', 'PUBLISHED')),
    rule_set_id     bigint       NOT NULL REFERENCES rule_set (id),
    revision        bigint       NOT NULL DEFAULT 0,
    created_by      varchar(100) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    locked_by       varchar(100),
    locked_at       timestamptz,
    published_by    varchar(100),
    published_at    timestamptz,
    UNIQUE (jurisdiction_id, year, phase)
);

CREATE INDEX cycle_rule_set_idx ON cycle (rule_set_id);

CREATE TABLE scorecard (
    id                  bigint       PRIMARY KEY,
    cycle_id            bigint       NOT NULL REFERENCES cycle (id),
    organization_id     bigint       NOT NULL REFERENCES organization (id),
    county_code         varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    members_respondents integer      CHECK (members_respondents >= 1),
    members_satisfied   integer      CHECK (members_satisfied >= 0 AND members_satisfied <= members_respondents),
    masses_respondents  integer      CHECK (masses_respondents >= 1),
    masses_satisfied    integer      CHECK (masses_satisfied >= 0 AND masses_satisfied <= masses_respondents),
    revision            bigint       NOT NULL CHECK (revision >= 1),
    updated_by          varchar(100) NOT NULL,
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (cycle_id, organization_id),
    CHECK ((members_respondents IS NULL) = (members_satisfied IS NULL)),
    CHECK ((masses_respondents IS NULL) = (masses_satisfied IS NULL))
);

CREATE TABLE scorecard_item (
    scorecard_id   bigint        NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,
    indicator_code varchar(20)   NOT NULL,
    county_code    varchar(6)    NOT NULL,
    self_score     numeric(5, 2) CHECK (self_score >= 0),
    verified_score numeric(5, 2) CHECK (verified_score >= 0),
    note           varchar(1000),
    PRIMARY KEY (scorecard_id, indicator_code)
);

CREATE TABLE scorecard_adjustment (
    scorecard_id bigint        NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,
    kind         varchar(10)   NOT NULL CHECK (kind IN ('BONUS', 'DEDUCTION', 'VETO')),
    position     integer       NOT NULL CHECK (position >= 0),
    county_code  varchar(6)    NOT NULL,
    code         varchar(20)   NOT NULL,
    points       numeric(5, 2) CHECK (points > 0),
    reason       varchar(500)  NOT NULL CHECK (length(reason) > 0),
    PRIMARY KEY (scorecard_id, kind, position),
    CHECK ((kind = 'VETO') = (points IS NULL))
);

-- the results of a published cycle, stored once, served byte for byte
CREATE TABLE fortress_result (
    cycle_id        bigint        NOT NULL REFERENCES cycle (id),
    organization_id bigint        NOT NULL REFERENCES organization (id),
    county_code     varchar(6)    NOT NULL,
    official_index  numeric(4, 1) NOT NULL,
    stars           smallint      NOT NULL CHECK (stars BETWEEN 1 AND 5),
    complete        boolean       NOT NULL,
    vetoed          boolean       NOT NULL,
    body            text          NOT NULL,
    PRIMARY KEY (cycle_id, organization_id)
);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER fortress_result_append_only BEFORE UPDATE OR DELETE ON fortress_result
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE audit_event (
    id              bigserial    PRIMARY KEY,
    at              timestamptz  NOT NULL DEFAULT now(),
    actor           varchar(100) NOT NULL,
    action          varchar(40)  NOT NULL,
    county_code     varchar(6),
    cycle_id        bigint       REFERENCES cycle (id),
    organization_id bigint       REFERENCES organization (id),
    rule_set_id     bigint,
    reason          varchar(500),
    details         jsonb
);

CREATE INDEX audit_event_cycle_idx ON audit_event (cycle_id, at);

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
