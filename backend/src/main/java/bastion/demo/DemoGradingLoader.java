package bastion.demo;

import bastion.engine.FortressIndexEngine;
import bastion.engine.Scorecard;
import bastion.rules.RuleSetDtos.AdjustmentRule;
import bastion.rules.RuleSetDtos.Definition;
import bastion.rules.RuleSetDtos.Indicator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Demo grading data on top of the demo city: for each city, its 2026 rule set (the default of
 * DOMAIN.md §4, in use) and, for each county, an OPEN 2026 年底总评 cycle with plausible
 * scorecards for most villages. The demo townships of the Keycloak users (each county's first 镇,
 * {@code P2312cc101000}) are left empty so that an official has villages to fill in. Deterministic:
 * the same seed gives the same scores. With the previous year ({@code bastion.demo.previous-year}),
 * also {@code YEAR − 1}'s rule sets and annual cycles with complete scorecards for every village,
 * which the loader then publishes (indices and final grading) so that this year's grading has
 * movement against them.
 */
public final class DemoGradingLoader {

    public static final int YEAR = 2026;
    private static final long SEED = 2026_1231L;

    public record Result(int ruleSets, int cycles, int scorecards, long items, long millis) {}

    /** The previous year's demo cycles (to publish after loading), in id order. */
    public static List<Long> previousCycles(Connection connection) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id FROM cycle WHERE year = ? AND phase = 'ANNUAL' AND state <> 'PUBLISHED' AND created_by = 'demo' ORDER BY id")) {
            ps.setInt(1, YEAR - 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private DemoGradingLoader() {}

    /** Loads in the caller's transaction, if no rule set exists yet; without the previous year's cycles. */
    public static Result loadIfEmpty(Connection connection, ObjectMapper json) throws SQLException {
        return loadIfEmpty(connection, json, false);
    }

    /**
     * Loads in the caller's transaction, if no rule set exists yet. With {@code previousYear}, also
     * the previous year's ({@link #YEAR} − 1) rule sets and OPEN annual cycles, scored for every
     * village (the demo townships too) with a quality close to this year's, so that once they are
     * published ({@link #previousCycles}) this year's grading has movement (升档/保持/降档) to show.
     */
    public static Result loadIfEmpty(Connection connection, ObjectMapper json, boolean previousYear) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM rule_set)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return new Result(0, 0, 0, 0, 0);
            }
        }
        Definition definition;
        String definitionJson;
        try (InputStream in = DemoGradingLoader.class.getResourceAsStream("/rules/default-rule-set.json")) {
            definition = json.readValue(in, Definition.class);
            definitionJson = json.writeValueAsString(definition);
        } catch (IOException e) {
            throw new SQLException("default rule set unreadable", e);
        }
        int ruleSets = 0;
        int cycles = 0;
        List<long[]> cityRuleSets = new ArrayList<>();
        List<Integer> years = previousYear ? List.of(YEAR, YEAR - 1) : List.of(YEAR);
        for (int year : years) {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, code, name, county_code FROM organization WHERE level = 'CITY' ORDER BY id")) {
                while (rs.next()) {
                    long ruleSetId = nextval(connection, "rule_set_seq");
                    try (PreparedStatement ps = connection.prepareStatement("""
                            INSERT INTO rule_set (id, jurisdiction_id, county_code, year, version_number, label, name, status, definition, created_by)
                            VALUES (?, ?, ?, ?, 1, ?, ?, 'IN_USE', CAST(? AS jsonb), 'demo')""")) {
                        ps.setLong(1, ruleSetId);
                        ps.setLong(2, rs.getLong("id"));
                        ps.setString(3, rs.getString("county_code"));
                        ps.setInt(4, year);
                        ps.setString(5, rs.getString("code") + "-" + year + "-v1");
                        ps.setString(6, rs.getString("name").replace("中共", "").replace("委", "") + "村(社区)党组织堡垒指数评价体系 " + year);
                        ps.setString(7, definitionJson);
                        ps.executeUpdate();
                    }
                    ruleSets++;
                    cityRuleSets.add(new long[] {rs.getLong("id"), ruleSetId, year});
                }
            }
        }
        StringBuilder scorecardRows = new StringBuilder();
        StringBuilder itemRows = new StringBuilder();
        StringBuilder adjustmentRows = new StringBuilder();
        StringBuilder currentRows = new StringBuilder();     // fortress_current: the index of each scorecard, by the engine
        FortressIndexEngine.Prepared villageRules = FortressIndexEngine.prepare(definition.toEngine("demo").forPlaceType("VILLAGE"));
        FortressIndexEngine.Prepared communityRules = FortressIndexEngine.prepare(definition.toEngine("demo").forPlaceType("COMMUNITY"));
        int scorecards = 0;
        long items = 0;
        long scorecardId = nextval(connection, "scorecard_seq");
        for (long[] city : cityRuleSets) {
            List<long[]> counties = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id FROM organization WHERE level = 'COUNTY' AND parent_id = ? ORDER BY id")) {
                ps.setLong(1, city[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counties.add(new long[] {rs.getLong(1), 0});
                    }
                }
            }
            int year = (int) city[2];
            for (long[] county : counties) {
                long cycleId = nextval(connection, "cycle_seq");
                try (PreparedStatement ps = connection.prepareStatement("""
                        INSERT INTO cycle (id, jurisdiction_id, county_code, year, phase, state, rule_set_id, created_by)
                        SELECT ?, id, county_code, ?, 'ANNUAL', 'OPEN', ?, 'demo' FROM organization WHERE id = ?""")) {
                    ps.setLong(1, cycleId);
                    ps.setInt(2, year);
                    ps.setLong(3, city[1]);
                    ps.setLong(4, county[0]);
                    ps.executeUpdate();
                }
                cycles++;
                try (PreparedStatement ps = connection.prepareStatement("""
                        SELECT v.id, v.place_type, v.county_code FROM organization v JOIN organization t ON t.id = v.parent_id
                        WHERE v.graded AND t.parent_id = ? AND (? OR substr(t.division_code, 7, 3) <> '101') ORDER BY v.id""")) {
                    ps.setLong(1, county[0]);
                    ps.setBoolean(2, year != YEAR);               // last year every village was scored, the demo townships too
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long org = rs.getLong(1);
                            SplittableRandom random = new SplittableRandom(SEED + org);
                            boolean unscored = random.nextInt(100) < 8;
                            double quality = 0.55 + 0.45 * Math.sqrt(random.nextDouble());
                            if (year != YEAR) {
                                // last year: near this year's quality (so some move up, most stay, some move down), other draws
                                random = new SplittableRandom(SEED * 31 + org);
                                quality = Math.max(0.45, Math.min(1.0, quality + (random.nextDouble() - 0.55) * 0.18));
                            } else if (unscored) {
                                continue;                         // some villages have not been scored yet
                            }
                            String placeType = rs.getString(2);
                            String countyCode = rs.getString(3);
                            long id = scorecardId++;
                            int membersRespondents = 20 + random.nextInt(40);
                            int massesRespondents = 30 + random.nextInt(60);
                            int membersSatisfied = satisfied(random, membersRespondents, quality);
                            int massesSatisfied = satisfied(random, massesRespondents, quality);
                            scorecardRows.append(id).append('\t').append(cycleId).append('\t').append(org).append('\t').append(countyCode)
                                    .append('\t').append(membersRespondents).append('\t').append(membersSatisfied)
                                    .append('\t').append(massesRespondents).append('\t').append(massesSatisfied)
                                    .append("\t1\tdemo\n");
                            BigDecimal verifiedTotal = BigDecimal.ZERO;
                            int verifiedCount = 0;
                            Map<String, BigDecimal> bonusPoints = new HashMap<>();
                            Map<String, BigDecimal> deductionPoints = new HashMap<>();
                            boolean vetoed = false;
                            for (var dimension : definition.dimensions()) {
                                for (Indicator indicator : dimension.indicators()) {
                                    if (indicator.appliesTo() != null && !indicator.appliesTo().contains(placeType)) {
                                        continue;
                                    }
                                    boolean missing = random.nextInt(100) < 2 && year == YEAR;   // last year's published cards were complete
                                    BigDecimal max = new BigDecimal(indicator.max());
                                    BigDecimal verified = score(max, quality, random);
                                    BigDecimal self = verified.add(max.subtract(verified).multiply(BigDecimal.valueOf(random.nextInt(3), 1)))
                                            .setScale(1, RoundingMode.HALF_UP).min(max);
                                    itemRows.append(id).append('\t').append(indicator.code()).append('\t').append(countyCode).append('\t')
                                            .append(self.toPlainString()).append('\t').append(missing ? "\\N" : verified.toPlainString())
                                            .append("\t\\N\n");
                                    items++;
                                    if (!missing) {
                                        verifiedTotal = verifiedTotal.add(verified);
                                        verifiedCount++;
                                    }
                                }
                            }
                            int position = 0;
                            if (random.nextInt(100) < 10) {
                                AdjustmentRule bonus = definition.bonuses().get(random.nextInt(definition.bonuses().size()));
                                adjustmentRows.append(id).append("\tBONUS\t").append(position++).append('\t').append(countyCode).append('\t')
                                        .append(bonus.code()).append('\t').append(bonus.itemCap()).append("\t获").append(bonus.name()).append('\n');
                                bonusPoints.put(bonus.code(), new BigDecimal(bonus.itemCap()));
                            }
                            if (random.nextInt(100) < 12) {
                                AdjustmentRule deduction = definition.deductions().get(random.nextInt(definition.deductions().size()));
                                int points = 1 + random.nextInt(3);
                                adjustmentRows.append(id).append("\tDEDUCTION\t").append(position++).append('\t').append(countyCode).append('\t')
                                        .append(deduction.code()).append('\t').append(points).append("\t年内发生").append(deduction.name())
                                        .append('\n');
                                deductionPoints.put(deduction.code(), BigDecimal.valueOf(points));
                            }
                            if (random.nextInt(1000) < 4) {
                                adjustmentRows.append(id).append("\tVETO\t0\t").append(countyCode).append('\t')
                                        .append(definition.vetoes().getFirst().code()).append("\t\\N\t").append(definition.vetoes().getFirst().name())
                                        .append('\n');
                                vetoed = true;
                            }
                            FortressIndexEngine.Index index = FortressIndexEngine.index("VILLAGE".equals(placeType) ? villageRules : communityRules,
                                    new FortressIndexEngine.Totals(verifiedTotal, verifiedCount,
                                            new Scorecard.Evaluation(membersRespondents, membersSatisfied),
                                            new Scorecard.Evaluation(massesRespondents, massesSatisfied), bonusPoints, deductionPoints, vetoed));
                            currentRows.append(cycleId).append('\t').append(org).append('\t').append(countyCode).append('\t').append(placeType)
                                    .append("\t1\t").append(index.officialIndex().toPlainString()).append('\t').append(index.stars()).append('\t')
                                    .append(index.complete()).append('\t').append(index.vetoed()).append('\n');
                            scorecards++;
                        }
                    }
                }
            }
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn("COPY scorecard (id, cycle_id, organization_id, county_code, members_respondents, members_satisfied, "
                    + "masses_respondents, masses_satisfied, revision, updated_by) FROM STDIN", new StringReader(scorecardRows.toString()));
            copy.copyIn("COPY scorecard_item (scorecard_id, indicator_code, county_code, self_score, verified_score, note) FROM STDIN",
                    new StringReader(itemRows.toString()));
            copy.copyIn("COPY scorecard_adjustment (scorecard_id, kind, position, county_code, code, points, reason) FROM STDIN",
                    new StringReader(adjustmentRows.toString()));
            copy.copyIn("COPY fortress_current (cycle_id, organization_id, county_code, place_type, scorecard_revision, official_index, "
                    + "stars, complete, vetoed) FROM STDIN", new StringReader(currentRows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of demo scorecards failed", e);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT setval('scorecard_seq', " + (scorecardId + 50) + ")");
        }
        return new Result(ruleSets, cycles, scorecards, items, (System.nanoTime() - start) / 1_000_000);
    }

    private static long nextval(Connection connection, String sequence) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT nextval('" + sequence + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int satisfied(SplittableRandom random, int respondents, double quality) {
        double rate = Math.min(1.0, quality * (0.9 + 0.2 * random.nextDouble()));
        return (int) Math.round(respondents * rate);
    }

    private static BigDecimal score(BigDecimal max, double quality, SplittableRandom random) {
        double f = Math.min(1.0, Math.max(0.0, quality + (random.nextDouble() - 0.5) * 0.3));
        return max.multiply(BigDecimal.valueOf(f)).setScale(1, RoundingMode.HALF_UP).min(max);
    }
}
