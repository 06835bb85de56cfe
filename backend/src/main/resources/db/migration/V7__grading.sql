-- Grading (升级晋档, issue 6; docs/decisions/0011-grading.md): runs of a cycle's grading, the
-- results each run wrote, the run whose results are current, and the yearly targets.

CREATE TABLE grading_run (
    id                 bigserial    PRIMARY KEY,
    cycle_id           bigint       NOT NULL REFERENCES cycle (id),
    county_code        varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    state              varchar(10)  NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    -- made inside the transaction that published the cycle; never replaced
    final              boolean      NOT NULL DEFAULT false,
    rule_set_id        bigint       NOT NULL REFERENCES rule_set (id),
    rule_set_label     varchar(40)  NOT NULL,
    method             varchar(12)  NOT NULL CHECK (method IN ('THRESHOLDS', 'RELATIVE')),
    total              integer      NOT NULL DEFAULT 0 CHECK (total >= 0),
    processed          integer      NOT NULL DEFAULT 0 CHECK (processed >= 0),
    graded             integer      NOT NULL DEFAULT 0 CHECK (graded >= 0),
    incomplete         integer      NOT NULL DEFAULT 0 CHECK (incomplete >= 0),
    poor_by_lagging    integer      NOT NULL DEFAULT 0 CHECK (poor_by_lagging >= 0),
    poor_by_veto       integer      NOT NULL DEFAULT 0 CHECK (poor_by_veto >= 0),
    -- the first 200 incomplete organisations (ids, by division code); `incomplete` counts all
    incomplete_ids     bigint[]     NOT NULL DEFAULT '{}',
    started_by         varchar(100) NOT NULL,
    started_at         timestamptz  NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    failure_reason     varchar(500)
);

CREATE INDEX grading_run_cycle_idx ON grading_run (cycle_id, id DESC);
-- one run of a cycle at a time (the final run is made under the cycle's row lock)
CREATE UNIQUE INDEX grading_run_active_idx ON grading_run (cycle_id) WHERE state IN ('QUEUED', 'RUNNING') AND NOT final;

-- a final run, once finished, never changes
CREATE FUNCTION grading_run_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'grading_run rows are never deleted' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.final AND OLD.state IN ('SUCCEEDED', 'FAILED') THEN
        RAISE EXCEPTION 'a final grading run never changes' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER grading_run_guard BEFORE UPDATE OR DELETE ON grading_run
    FOR EACH ROW EXECUTE FUNCTION grading_run_guard();

-- One row per graded organisation per run; written once. county_id / township_id are the
-- organisation's ancestors at grading time: summaries group by them without walking the tree.
CREATE TABLE grading_result (
    run_id           bigint        NOT NULL REFERENCES grading_run (id),
    organization_id  bigint        NOT NULL REFERENCES organization (id),
    cycle_id         bigint        NOT NULL REFERENCES cycle (id),
    county_code      varchar(6)    NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    county_id        bigint        NOT NULL,
    township_id      bigint        NOT NULL,
    official_index   numeric(4, 1) NOT NULL CHECK (official_index BETWEEN 0 AND 100),
    stars            smallint      NOT NULL CHECK (stars BETWEEN 1 AND 5),
    complete         boolean       NOT NULL,
    vetoed           boolean       NOT NULL,
    veto_codes       text[]        NOT NULL DEFAULT '{}',
    lagging          boolean       NOT NULL,
    -- [{"code": "C01", "title": "..."}] of the classification the run used
    lagging_criteria jsonb,
    tier             varchar(12)   CHECK (tier IN ('GOOD', 'FAIRLY_GOOD', 'AVERAGE', 'POOR')),
    status           varchar(10)   NOT NULL CHECK (status IN ('GRADED', 'INCOMPLETE')),
    rank             integer,
    ranked_of        integer,
    previous_tier    varchar(12)   CHECK (previous_tier IN ('GOOD', 'FAIRLY_GOOD', 'AVERAGE', 'POOR')),
    movement         varchar(4)    NOT NULL CHECK (movement IN ('UP', 'SAME', 'DOWN', 'NONE')),
    -- why a POOR organisation is POOR (LAGGING, VETO, INDEX, WEAK_DIMENSION), as the API shows it
    reasons          jsonb,
    PRIMARY KEY (run_id, organization_id),
    CHECK ((tier IS NULL) = (status = 'INCOMPLETE'))
);

CREATE INDEX grading_result_township_idx ON grading_result (run_id, township_id);
CREATE INDEX grading_result_county_idx ON grading_result (run_id, county_id);
CREATE INDEX grading_result_rank_idx ON grading_result (run_id, official_index DESC);
CREATE INDEX grading_result_org_idx ON grading_result (organization_id);

-- Results never change. Rows of a run that is neither final nor current may be deleted (a
-- superseded or failed run's); those of a final or current run may not.
CREATE FUNCTION grading_result_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'grading_result rows are append-only' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM grading_run WHERE id = OLD.run_id AND final)
       OR EXISTS (SELECT 1 FROM cycle_grading WHERE current_run_id = OLD.run_id) THEN
        RAISE EXCEPTION 'results of a final or current grading run are never deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
END $$;

-- The run whose results are the cycle's current ones; switched in one transaction at the end of a run.
CREATE TABLE cycle_grading (
    cycle_id       bigint      PRIMARY KEY REFERENCES cycle (id),
    county_code    varchar(6)  NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    current_run_id bigint      NOT NULL REFERENCES grading_run (id),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER grading_result_guard BEFORE UPDATE OR DELETE ON grading_result
    FOR EACH ROW EXECUTE FUNCTION grading_result_guard();

-- a published cycle's current results never change
CREATE FUNCTION cycle_grading_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR EXISTS (SELECT 1 FROM grading_run WHERE id = OLD.current_run_id AND final) THEN
        RAISE EXCEPTION 'the final grading of a published cycle never changes' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER cycle_grading_guard BEFORE UPDATE OR DELETE ON cycle_grading
    FOR EACH ROW EXECUTE FUNCTION cycle_grading_guard();

-- Yearly targets of a jurisdiction (city, county, township); absent = the nearest ancestor's, else 30 % / 20 %.
CREATE TABLE grading_target (
    organization_id bigint       NOT NULL REFERENCES organization (id),
    year            integer      NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    county_code     varchar(6)   NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    min_good_share  numeric(5, 2) NOT NULL CHECK (min_good_share BETWEEN 0 AND 100),
    max_poor_share  numeric(5, 2) NOT NULL CHECK (max_poor_share BETWEEN 0 AND 100),
    revision        bigint       NOT NULL DEFAULT 1,
    updated_by      varchar(100) NOT NULL,
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, year)
);
