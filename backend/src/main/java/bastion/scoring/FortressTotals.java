package bastion.scoring;

import bastion.engine.FortressIndexEngine;
import bastion.engine.RuleSet;
import bastion.engine.Scorecard;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index of every graded organisation of a cycle under a path prefix, computed from the stored
 * scorecards: SQL adds up the applicable verified scores and the adjustments per organisation (two
 * queries, however many score rows), the engine's list path turns the totals into indices. Plain
 * JDBC and the engine only, no framework: the backend runs it on its transaction's connection
 * ({@code Session.doReturningWork}), and the bench harness runs the very same code on a connection
 * of its own (docs/performance.md, measure {@code recompute}).
 */
public final class FortressTotals {

    private FortressTotals() {}

    /** A graded organisation of the cycle with its computed index; {@code scorecardId} null when it has no scorecard. */
    public record Row(FortressService.Graded organization, Long scorecardId, long scorecardRevision, FortressIndexEngine.Index index) {}

    /** The rule set of a cycle as lists need it per place type; build once per rule set (see {@link #prepare}). */
    public record Prepared(FortressIndexEngine.Prepared village, FortressIndexEngine.Prepared community, String[] villageCodes,
            String[] communityCodes) {

        FortressIndexEngine.Prepared of(String placeType) {
            return "VILLAGE".equals(placeType) ? village : community;
        }
    }

    public static Prepared prepare(RuleSet rules) {
        RuleSet village = rules.forPlaceType("VILLAGE");
        RuleSet community = rules.forPlaceType("COMMUNITY");
        return new Prepared(FortressIndexEngine.prepare(village), FortressIndexEngine.prepare(community), codes(village), codes(community));
    }

    private static String[] codes(RuleSet typed) {
        return typed.indicators().stream().map(RuleSet.Indicator::code).toArray(String[]::new);
    }

    /**
     * The bounds of the paths that start with {@code prefix} (which ends with '/'), for the
     * text_pattern_ops index on organization.path: {@code path ~>=~ low AND path ~<~ high}. Unlike
     * {@code LIKE ?}, these bounds use the index in a generic plan too (a statement prepared once
     * and run for every cycle).
     */
    static String[] pathRange(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return new String[] {prefix, prefix.substring(0, prefix.length() - 1) + (char) (last + 1)};
    }

    /**
     * One row per graded organisation: its scorecard's evaluations and the sum and number of the
     * verified scores of the indicators that apply to its place type. The scores are added up per
     * scorecard (LATERAL, through the scorecard_item primary key) so that the plan stays one index
     * probe per organisation at any scale, also as the generic plan of a statement prepared once.
     */
    static final String SCORES = """
            SELECT o.id, o.code, o.name, o.division_code, o.place_type, o.county_code, p.name, o.path,
                   s.members_respondents, s.members_satisfied, s.masses_respondents, s.masses_satisfied,
                   v.verified, v.present, s.id, s.revision
            FROM organization o
            JOIN organization p ON p.id = o.parent_id
            LEFT JOIN scorecard s ON s.organization_id = o.id AND s.cycle_id = ?
            LEFT JOIN LATERAL (
                SELECT sum(i.verified_score) AS verified, count(i.verified_score) AS present FROM scorecard_item i
                WHERE i.scorecard_id = s.id AND i.indicator_code = ANY (CASE WHEN o.place_type = 'VILLAGE' THEN ? ELSE ? END)) v ON true
            WHERE o.graded AND o.path ~>=~ ? AND o.path ~<~ ? AND o.path LIKE ?""";

    static final String ADJUSTMENTS = """
            SELECT a.scorecard_id, a.kind, a.code, sum(a.points)
            FROM scorecard s JOIN organization o ON o.id = s.organization_id JOIN scorecard_adjustment a ON a.scorecard_id = s.id
            WHERE s.cycle_id = ? AND o.path ~>=~ ? AND o.path ~<~ ? AND o.path LIKE ?
            GROUP BY a.scorecard_id, a.kind, a.code""";

    /** Every graded organisation of the cycle under {@code prefix} with its index: two queries, then the engine's list path. */
    public static List<Row> compute(Connection connection, long cycleId, Prepared rules, String prefix) throws SQLException {
        Map<Long, Map<String, BigDecimal>> bonuses = new HashMap<>();
        Map<Long, Map<String, BigDecimal>> deductions = new HashMap<>();
        Set<Long> vetoed = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(ADJUSTMENTS)) {
            String[] range = pathRange(prefix);
            ps.setLong(1, cycleId);
            ps.setString(2, range[0]);
            ps.setString(3, range[1]);
            ps.setString(4, prefix + "%");
            try (ResultSet a = ps.executeQuery()) {
                while (a.next()) {
                    long scorecard = a.getLong(1);
                    switch (a.getString(2)) {
                        case "BONUS" -> bonuses.computeIfAbsent(scorecard, k -> new HashMap<>()).put(a.getString(3), a.getBigDecimal(4));
                        case "DEDUCTION" -> deductions.computeIfAbsent(scorecard, k -> new HashMap<>()).put(a.getString(3), a.getBigDecimal(4));
                        default -> vetoed.add(scorecard);
                    }
                }
            }
        }
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SCORES)) {
            String[] range = pathRange(prefix);
            ps.setLong(1, cycleId);
            // typed text[] parameters: a text parameter cast to text[] in SQL is parsed again for every score row
            ps.setArray(2, connection.createArrayOf("text", rules.villageCodes()));
            ps.setArray(3, connection.createArrayOf("text", rules.communityCodes()));
            ps.setString(4, range[0]);
            ps.setString(5, range[1]);
            ps.setString(6, prefix + "%");
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    FortressService.Graded g = new FortressService.Graded(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8));
                    long id = r.getLong(15);
                    Long scorecard = r.wasNull() ? null : id;
                    BigDecimal verified = r.getBigDecimal(13);
                    FortressIndexEngine.Totals totals = new FortressIndexEngine.Totals(verified == null ? BigDecimal.ZERO : verified,
                            r.getInt(14), evaluation(r, 9), evaluation(r, 11),
                            bonuses.getOrDefault(scorecard, Map.of()), deductions.getOrDefault(scorecard, Map.of()), vetoed.contains(scorecard));
                    out.add(new Row(g, scorecard, scorecard == null ? 0 : r.getLong(16),
                            FortressIndexEngine.index(rules.of(g.placeType()), totals)));
                }
            }
        }
        return out;
    }

    /**
     * The graded organisations under the prefix with their stored current index (fortress_current,
     * written by the engine in the transaction of each scorecard write, docs/decisions/0007), an
     * organisation without a scorecard getting the empty card's index of its place type: one
     * query, no engine. The scorecard revision and place type each row was computed for are
     * checked; when any row is missing or stale the answer is null and the caller computes
     * ({@link #compute}). The rows carry no exact index (only the official one is stored).
     */
    public static List<Row> stored(Connection connection, long cycleId, FortressIndexEngine.Index emptyVillage,
            FortressIndexEngine.Index emptyCommunity, String prefix) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(STORED)) {
            String[] range = pathRange(prefix);
            ps.setLong(1, cycleId);
            ps.setLong(2, cycleId);
            ps.setString(3, range[0]);
            ps.setString(4, range[1]);
            ps.setString(5, prefix + "%");
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    FortressService.Graded g = new FortressService.Graded(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8));
                    long id = r.getLong(9);
                    Long scorecard = r.wasNull() ? null : id;
                    long revision = r.getLong(10);
                    long storedRevision = r.getLong(11);
                    boolean hasStored = !r.wasNull();
                    if (scorecard == null ? hasStored : !hasStored || storedRevision != revision || !g.placeType().equals(r.getString(12))) {
                        return null;
                    }
                    FortressIndexEngine.Index index = scorecard == null ? ("VILLAGE".equals(g.placeType()) ? emptyVillage : emptyCommunity)
                            : new FortressIndexEngine.Index(null, r.getBigDecimal(13), r.getInt(14), r.getBoolean(15), r.getBoolean(16));
                    out.add(new Row(g, scorecard, scorecard == null ? 0 : revision, index));
                }
            }
        }
        return out;
    }

    static final String STORED = """
            SELECT o.id, o.code, o.name, o.division_code, o.place_type, o.county_code, p.name, o.path,
                   s.id, s.revision, f.scorecard_revision, f.place_type, f.official_index, f.stars, f.complete, f.vetoed
            FROM organization o
            JOIN organization p ON p.id = o.parent_id
            LEFT JOIN scorecard s ON s.organization_id = o.id AND s.cycle_id = ?
            LEFT JOIN fortress_current f ON f.organization_id = o.id AND f.cycle_id = ?
            WHERE o.graded AND o.path ~>=~ ? AND o.path ~<~ ? AND o.path LIKE ?""";

    /**
     * The per-scorecard totals of every cycle of a scope that share the same applicable indicators
     * in one aggregate, read as the floor of docs/performance.md reads the score rows (hash joins
     * over one pass of scorecard_item): the sum and number of the verified scores of the indicators
     * that apply to the organisation's place type.
     */
    static final String SCOPE_SCORES = """
            SELECT s.cycle_id, s.organization_id, s.id, s.revision, s.members_respondents, s.members_satisfied, s.masses_respondents,
                   s.masses_satisfied, sum(i.verified_score), count(i.verified_score)
            FROM scorecard s JOIN organization o ON o.id = s.organization_id
            LEFT JOIN scorecard_item i ON i.scorecard_id = s.id AND i.indicator_code = ANY (CASE WHEN o.place_type = 'VILLAGE' THEN ? ELSE ? END)
            WHERE s.cycle_id = ANY (?) AND o.path LIKE ?
            GROUP BY s.id""";

    /** The graded organisations of each cycle (those under the path of the organisation it belongs to) within the scope. */
    static final String SCOPE_GRADED = """
            SELECT c.id, o.id, o.code, o.name, o.division_code, o.place_type, o.county_code, p.name, o.path
            FROM cycle c
            JOIN organization w ON w.id = c.jurisdiction_id
            JOIN organization o ON o.graded AND o.path ~>=~ w.path AND o.path ~<~ (left(w.path, -1) || '0')
            JOIN organization p ON p.id = o.parent_id
            WHERE c.id = ANY (?) AND o.path LIKE ?""";

    static final String SCOPE_ADJUSTMENTS = """
            SELECT a.scorecard_id, a.kind, a.code, sum(a.points)
            FROM scorecard s JOIN organization o ON o.id = s.organization_id JOIN scorecard_adjustment a ON a.scorecard_id = s.id
            WHERE s.cycle_id = ANY (?) AND o.path LIKE ?
            GROUP BY a.scorecard_id, a.kind, a.code""";

    private record Head(long scorecardId, long revision, Scorecard.Evaluation members, Scorecard.Evaluation masses, BigDecimal verified,
            int present) {}

    /**
     * {@link #compute} for every cycle of a scope at once: three queries however many cycles
     * (per-scorecard totals — one per distinct set of applicable indicators —, graded organisations
     * per cycle, adjustments per code), then the
     * engine's list path. The same rows as {@link #compute} cycle by cycle (a test holds them to
     * it); by cycle id.
     */
    public static Map<Long, List<Row>> computeScope(Connection connection, Map<Long, Prepared> rulesByCycle, String scopePrefix)
            throws SQLException {
        Long[] cycles = rulesByCycle.keySet().toArray(Long[]::new);
        java.sql.Array cycleArray = connection.createArrayOf("bigint", cycles);
        String like = scopePrefix + "%";
        Map<Long, Map<String, BigDecimal>> bonuses = new HashMap<>();
        Map<Long, Map<String, BigDecimal>> deductions = new HashMap<>();
        Set<Long> vetoed = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(SCOPE_ADJUSTMENTS)) {
            ps.setArray(1, cycleArray);
            ps.setString(2, like);
            try (ResultSet a = ps.executeQuery()) {
                while (a.next()) {
                    long scorecard = a.getLong(1);
                    switch (a.getString(2)) {
                        case "BONUS" -> bonuses.computeIfAbsent(scorecard, k -> new HashMap<>()).put(a.getString(3), a.getBigDecimal(4));
                        case "DEDUCTION" -> deductions.computeIfAbsent(scorecard, k -> new HashMap<>()).put(a.getString(3), a.getBigDecimal(4));
                        default -> vetoed.add(scorecard);
                    }
                }
            }
        }
        Map<Long, Map<Long, Head>> heads = new HashMap<>();
        // one aggregate per distinct set of applicable indicators (one for the whole scope when its cycles use the same rules)
        Map<List<String>, List<Long>> byCodes = new java.util.LinkedHashMap<>();
        rulesByCycle.forEach((cycle, rules) -> byCodes.computeIfAbsent(
                List.of(String.join(",", rules.villageCodes()), String.join(",", rules.communityCodes())), k -> new ArrayList<>()).add(cycle));
        for (List<Long> group : byCodes.values()) {
            Prepared rules = rulesByCycle.get(group.getFirst());
            try (PreparedStatement ps = connection.prepareStatement(SCOPE_SCORES)) {
                ps.setArray(1, connection.createArrayOf("text", rules.villageCodes()));
                ps.setArray(2, connection.createArrayOf("text", rules.communityCodes()));
                ps.setArray(3, connection.createArrayOf("bigint", group.toArray(Long[]::new)));
                ps.setString(4, like);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        BigDecimal verified = r.getBigDecimal(9);
                        heads.computeIfAbsent(r.getLong(1), k -> new HashMap<>()).put(r.getLong(2), new Head(r.getLong(3), r.getLong(4),
                                evaluation(r, 5), evaluation(r, 7), verified == null ? BigDecimal.ZERO : verified, r.getInt(10)));
                    }
                }
            }
        }
        Map<Long, List<Row>> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SCOPE_GRADED)) {
            ps.setArray(1, cycleArray);
            ps.setString(2, like);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    long cycle = r.getLong(1);
                    FortressService.Graded g = new FortressService.Graded(r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8), r.getString(9));
                    Head h = heads.getOrDefault(cycle, Map.of()).get(g.id());
                    Long scorecard = h == null ? null : h.scorecardId();
                    FortressIndexEngine.Totals totals = h == null
                            ? new FortressIndexEngine.Totals(BigDecimal.ZERO, 0, null, null, Map.of(), Map.of(), false)
                            : new FortressIndexEngine.Totals(h.verified(), h.present(), h.members(), h.masses(),
                                    bonuses.getOrDefault(scorecard, Map.of()), deductions.getOrDefault(scorecard, Map.of()),
                                    vetoed.contains(scorecard));
                    out.computeIfAbsent(cycle, k -> new ArrayList<>()).add(new Row(g, scorecard, h == null ? 0 : h.revision(),
                            FortressIndexEngine.index(rulesByCycle.get(cycle).of(g.placeType()), totals)));
                }
            }
        }
        return out;
    }

    private static Scorecard.Evaluation evaluation(ResultSet r, int column) throws SQLException {
        long respondents = r.getLong(column);
        if (r.wasNull()) {
            return null;
        }
        return new Scorecard.Evaluation(respondents, r.getLong(column + 1));
    }

    static final String UPSERT = """
            INSERT INTO fortress_current (cycle_id, organization_id, county_code, place_type, scorecard_revision, official_index, stars,
                complete, vetoed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (cycle_id, organization_id) DO UPDATE SET county_code = EXCLUDED.county_code, place_type = EXCLUDED.place_type,
                scorecard_revision = EXCLUDED.scorecard_revision, official_index = EXCLUDED.official_index, stars = EXCLUDED.stars,
                complete = EXCLUDED.complete, vetoed = EXCLUDED.vetoed
            WHERE fortress_current.scorecard_revision <= EXCLUDED.scorecard_revision""";

    /**
     * Stores the index of every row that has a scorecard. Never goes back in time: a row stored
     * for a newer scorecard revision (a write that committed meanwhile) is kept. Returns the rows sent.
     */
    public static int store(Connection connection, long cycleId, List<Row> rows) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
            for (Row row : rows) {
                if (row.scorecardId() == null) {
                    continue;
                }
                bind(ps, cycleId, row.organization().id(), row.organization().countyCode(), row.organization().placeType(),
                        row.scorecardRevision(), row.index().officialIndex(), row.index().stars(), row.index().complete(),
                        row.index().vetoed());
                ps.addBatch();
                if (++n % 500 == 0) {
                    ps.executeBatch();
                }
            }
            if (n % 500 != 0) {
                ps.executeBatch();
            }
        }
        return n;
    }

    static void bind(PreparedStatement ps, long cycleId, long organizationId, String countyCode, String placeType, long revision,
            BigDecimal officialIndex, int stars, boolean complete, boolean vetoed) throws SQLException {
        ps.setLong(1, cycleId);
        ps.setLong(2, organizationId);
        ps.setString(3, countyCode);
        ps.setString(4, placeType);
        ps.setLong(5, revision);
        ps.setBigDecimal(6, officialIndex);
        ps.setInt(7, stars);
        ps.setBoolean(8, complete);
        ps.setBoolean(9, vetoed);
    }
}
