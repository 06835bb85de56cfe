-- The current (not yet published) fortress index of every scored organisation, maintained when its
-- scorecard is written (docs/decisions/0007-current-index-maintained-on-write.md). A rule set in use
-- is frozen and a cycle's rule set never changes, so an index changes only with its scorecard:
-- ScorecardService.put upserts the row in the transaction of the write, the demo loader fills it,
-- and FortressService fills missing or stale rows at startup (the engine is Java: it cannot run
-- here). Organisations without a scorecard have no row: lists give them the empty-card result of
-- their place type (LEFT JOIN). Published cycles are served from fortress_result, never from here.

CREATE TABLE fortress_current (
    cycle_id           bigint        NOT NULL REFERENCES cycle (id),
    organization_id    bigint        NOT NULL REFERENCES organization (id),
    county_code        varchar(6)    NOT NULL,
    -- the place type and scorecard revision the index was computed for: a row that no longer
    -- matches them is stale and is computed again (startup fill, FortressService.recompute)
    place_type         varchar(10)   NOT NULL CHECK (place_type IN ('VILLAGE', 'COMMUNITY')),
    scorecard_revision bigint        NOT NULL CHECK (scorecard_revision >= 1),
    official_index     numeric(4, 1) NOT NULL CHECK (official_index BETWEEN 0 AND 100),
    stars              smallint      NOT NULL CHECK (stars BETWEEN 1 AND 5),
    complete           boolean       NOT NULL,
    vetoed             boolean       NOT NULL,
    PRIMARY KEY (cycle_id, organization_id)
);

-- the list's default order (index, highest first) within a cycle, and its filters
CREATE INDEX fortress_current_rank_idx ON fortress_current (cycle_id, official_index DESC, organization_id);
CREATE INDEX fortress_current_stars_idx ON fortress_current (cycle_id, stars, complete);
-- a county's rows (scopes bounded by county; path prefixes go through organization_path_idx)
CREATE INDEX fortress_current_county_idx ON fortress_current (county_code, cycle_id);
