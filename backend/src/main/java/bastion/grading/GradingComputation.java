package bastion.grading;

import bastion.engine.FortressIndexEngine;
import bastion.engine.FortressResult;
import bastion.engine.GradingEngine;
import bastion.engine.GradingEngine.Outcome;
import bastion.engine.GradingEngine.Tier;
import bastion.engine.RuleSet;
import bastion.engine.Scorecard;
import bastion.lagging.ClassificationService;
import bastion.scoring.FortressTotals;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * One grading of a cycle, as plain JDBC and the engines (no framework): the indices of every
 * graded organisation under the cycle's jurisdiction as kept current on each scorecard write
 * (fortress_current; computed from the stored scorecards by the fortress engine's list path,
 * {@link FortressTotals}, when a row is missing or stale), the veto codes,
 * the previous annual cycle's tiers, then {@link GradingEngine}; the reasons of each POOR
 * organisation with its two weakest dimensions from the engine's explanation. Results are written
 * with COPY under the run's id.
 */
public final class GradingComputation {

    private GradingComputation() {}

    /** What a grading needs about the cycle. */
    public record Cycle(long id, int year, String ownerPath, RuleSet rules, GradingEngine.Rules grading) {}

    /** One organisation's result row, as stored. */
    public record Row(long organizationId, String divisionCode, String countyCode, long countyId, long townshipId, BigDecimal officialIndex,
            int stars, boolean complete, boolean vetoed, List<String> vetoCodes, boolean lagging, String laggingCriteria, Outcome outcome,
            String reasons) {}

    /** The rows in division-code order, and the run's counts. */
    public record Graded(List<Row> rows, int graded, int incomplete, int poorByLagging, int poorByVeto, long[] incompleteSample) {}

    public static final int INCOMPLETE_SAMPLE = 200;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GradingComputation.class);

    public static Graded compute(Connection c, Cycle cycle, Map<Long, List<ClassificationService.Criterion>> lagging, ObjectMapper json)
            throws SQLException {
        long t0 = System.nanoTime();
        FortressTotals.Prepared prepared = FortressTotals.prepare(cycle.rules());
        // the indices kept current on each scorecard write (one query); computed from the score rows when any is missing or stale
        List<FortressTotals.Row> indices = FortressTotals.stored(c, cycle.id(), emptyCard(prepared.village()), emptyCard(prepared.community()),
                cycle.ownerPath());
        if (indices == null) {
            indices = FortressTotals.compute(c, cycle.id(), prepared, cycle.ownerPath());
        }
        long t1 = System.nanoTime();
        indices = new ArrayList<>(indices);
        indices.sort(Comparator.comparing((FortressTotals.Row r) -> r.organization().divisionCode()).thenComparing(r -> r.organization().id()));
        Map<Long, List<String>> vetoes = vetoCodes(c, cycle.id());
        Map<Long, Tier> previous = previousTiers(c, cycle.year() - 1, cycle.ownerPath());

        List<GradingEngine.Input> inputs = new ArrayList<>(indices.size());
        for (FortressTotals.Row r : indices) {
            long id = r.organization().id();
            inputs.add(new GradingEngine.Input(id, r.organization().countyCode(), r.index().officialIndex(), r.index().complete(),
                    r.index().vetoed(), lagging.containsKey(id), previous.get(id)));
        }
        long t2 = System.nanoTime();
        List<Outcome> outcomes = GradingEngine.grade(cycle.grading(), inputs);
        long t3 = System.nanoTime();

        Set<Long> poor = new HashSet<>();
        for (Outcome o : outcomes) {
            if (o.tier() == Tier.POOR) {
                poor.add(o.id());
            }
        }
        Map<Long, Map<String, BigDecimal>> poorScores = verifiedScores(c, cycle.id(), poor);
        Map<String, RuleSet> typed = new HashMap<>();

        List<Row> rows = new ArrayList<>(indices.size());
        int graded = 0;
        int incomplete = 0;
        int byLagging = 0;
        int byVeto = 0;
        List<Long> sample = new ArrayList<>();
        for (int i = 0; i < indices.size(); i++) {
            FortressTotals.Row r = indices.get(i);
            Outcome o = outcomes.get(i);
            long id = r.organization().id();
            long[] ids = pathIds(r.organization().path());
            List<ClassificationService.Criterion> criteria = lagging.get(id);
            List<String> codes = vetoes.getOrDefault(id, List.of());
            String reasons = null;
            if (o.tier() == Tier.POOR) {
                RuleSet rules = typed.computeIfAbsent(r.organization().placeType(), t -> cycle.rules().forPlaceType(t));
                reasons = reasons(json, cycle.grading(), r, o, criteria, codes, rules, poorScores.get(id));
            }
            if (o.status() == GradingEngine.Status.GRADED) {
                graded++;
            } else {
                incomplete++;
                if (sample.size() < INCOMPLETE_SAMPLE) {
                    sample.add(id);
                }
            }
            if (criteria != null) {
                byLagging++;
            }
            if (r.index().vetoed()) {
                byVeto++;
            }
            rows.add(new Row(id, r.organization().divisionCode(), r.organization().countyCode(), ids.length > 1 ? ids[1] : ids[0],
                    ids.length > 2 ? ids[2] : ids[ids.length - 1], r.index().officialIndex(), r.index().stars(), r.index().complete(),
                    r.index().vetoed(), codes, criteria != null, criteria == null ? null : write(json, criteria.stream()
                            .map(k -> Map.of("code", k.code(), "title", k.title())).toList()), o, reasons));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("cycle %d: indices %d µs, vetoes+previous %d µs, engine %d µs, reasons+rows %d µs (%d poor)", cycle.id(), (t1 - t0) / 1000,
                    (t2 - t1) / 1000, (t3 - t2) / 1000, (System.nanoTime() - t3) / 1000, poor.size());
        }
        return new Graded(rows, graded, incomplete, byLagging, byVeto, sample.stream().mapToLong(Long::longValue).toArray());
    }

    private static FortressIndexEngine.Index emptyCard(FortressIndexEngine.Prepared rules) {
        return FortressIndexEngine.index(rules, new FortressIndexEngine.Totals(BigDecimal.ZERO, 0, null, null, Map.of(), Map.of(), false));
    }

    static long[] pathIds(String path) {
        String[] parts = path.substring(1, path.length() - 1).split("/");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = Long.parseLong(parts[i]);
        }
        return ids;
    }

    private static String reasons(ObjectMapper json, GradingEngine.Rules grading, FortressTotals.Row r, Outcome o,
            List<ClassificationService.Criterion> criteria, List<String> vetoCodes, RuleSet typed, Map<String, BigDecimal> scores) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (criteria != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "LAGGING");
            m.put("text", "后进(软弱涣散)组织: " + String.join("、", criteria.stream().map(ClassificationService.Criterion::code).toList())
                    + " / lagging organisation: " + String.join(", ", criteria.stream().map(ClassificationService.Criterion::code).toList()));
            m.put("criteria", criteria.stream().map(k -> Map.of("code", k.code(), "title", k.title())).toList());
            out.add(m);
        }
        if (r.index().vetoed()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "VETO");
            m.put("text", "一票否决: " + String.join("、", vetoCodes) + " / veto: " + String.join(", ", vetoCodes));
            m.put("codes", vetoCodes);
            out.add(m);
        }
        GradingEngine.Rules rules = grading == null ? GradingEngine.DEFAULT : grading;
        String index = r.index().officialIndex().toPlainString();
        if (o.rank() != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "INDEX");
            m.put("text", "县内排名 " + o.rank() + "/" + o.ranked() + " (指数 " + index + ") 落在较差档 / rank " + o.rank() + " of " + o.ranked()
                    + " in the county (index " + index + ") falls in POOR");
            m.put("rank", o.rank());
            m.put("of", o.ranked());
            out.add(m);
        } else if (r.index().complete() && rules.method() == GradingEngine.Method.THRESHOLDS) {
            GradingEngine.Cuts t = rules.thresholds() == null ? GradingEngine.DEFAULT_THRESHOLDS : rules.thresholds();
            if (r.index().officialIndex().compareTo(t.average()) < 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", "INDEX");
                m.put("text", "堡垒指数 " + index + " 低于一般档阈值 " + t.average().toPlainString() + " / index " + index
                        + " is below the AVERAGE threshold " + t.average().toPlainString());
                out.add(m);
            }
        }
        Map<String, BigDecimal> verified = new HashMap<>();
        if (scores != null) {
            for (RuleSet.Indicator i : typed.indicators()) {
                BigDecimal v = scores.get(i.code());
                if (v != null) {
                    verified.put(i.code(), v);
                }
            }
        }
        FortressResult explained = FortressIndexEngine.compute(typed, new Scorecard(verified, null, null, List.of(), List.of(), List.of()));
        for (GradingEngine.DimensionShare d : GradingEngine.weakestDimensions(explained.explanation(), 2)) {
            String share = d.share().setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "WEAK_DIMENSION");
            m.put("text", "薄弱维度 " + d.name() + ": " + d.verified().toPlainString() + "/" + d.max().toPlainString() + " (" + share
                    + "%) / weak dimension " + d.code() + ": " + d.verified().toPlainString() + " of " + d.max().toPlainString() + " (" + share + " %)");
            m.put("dimension", Map.of("code", d.code(), "name", d.name(), "verified", d.verified().toPlainString(), "max",
                    d.max().toPlainString(), "share", share));
            out.add(m);
        }
        return write(json, out);
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Long, List<String>> vetoCodes(Connection c, long cycleId) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.organization_id, array_agg(DISTINCT a.code ORDER BY a.code)
                FROM scorecard_adjustment a JOIN scorecard s ON s.id = a.scorecard_id
                WHERE s.cycle_id = ? AND a.kind = 'VETO' GROUP BY s.organization_id""")) {
            ps.setLong(1, cycleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray()));
                }
            }
        }
        return out;
    }

    /**
     * The tiers of the previous annual cycle's current results for organisations under the path, by
     * stable id (codes change with merges; ids do not). Cycles of a year and phase never overlap,
     * so each organisation has at most one.
     */
    private static Map<Long, Tier> previousTiers(Connection c, int year, String prefix) throws SQLException {
        Map<Long, Tier> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.organization_id, r.tier
                FROM cycle p JOIN cycle_grading g ON g.cycle_id = p.id JOIN grading_result r ON r.run_id = g.current_run_id
                JOIN organization o ON o.id = r.organization_id
                WHERE p.year = ? AND p.phase = 'ANNUAL' AND r.tier IS NOT NULL AND o.path LIKE ?""")) {
            ps.setInt(1, year);
            ps.setString(2, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), Tier.valueOf(rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static Map<Long, Map<String, BigDecimal>> verifiedScores(Connection c, long cycleId, Set<Long> organizations) throws SQLException {
        Map<Long, Map<String, BigDecimal>> out = new HashMap<>();
        if (organizations.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.organization_id, i.indicator_code, i.verified_score
                FROM scorecard s JOIN scorecard_item i ON i.scorecard_id = s.id
                WHERE s.cycle_id = ? AND s.organization_id = ANY (?) AND i.verified_score IS NOT NULL""")) {
            ps.setLong(1, cycleId);
            Array ids = c.createArrayOf("bigint", organizations.toArray());
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
                }
            }
        }
        return out;
    }

    static final String COPY = "COPY grading_result (run_id, organization_id, cycle_id, county_code, county_id, township_id, official_index, "
            + "stars, complete, vetoed, veto_codes, lagging, lagging_criteria, tier, status, rank, ranked_of, previous_tier, movement, reasons) "
            + "FROM STDIN";

    /** Writes rows [from, to) under the run with COPY. */
    public static void write(Connection c, long runId, long cycleId, List<Row> rows, int from, int to) throws SQLException {
        StringBuilder b = new StringBuilder(256 * (to - from));
        for (int i = from; i < to; i++) {
            Row r = rows.get(i);
            Outcome o = r.outcome();
            b.append(runId).append('\t').append(r.organizationId()).append('\t').append(cycleId).append('\t').append(r.countyCode())
                    .append('\t').append(r.countyId()).append('\t').append(r.townshipId()).append('\t').append(r.officialIndex().toPlainString())
                    .append('\t').append(r.stars()).append('\t').append(r.complete() ? 't' : 'f').append('\t').append(r.vetoed() ? 't' : 'f')
                    .append('\t').append('{').append(String.join(",", r.vetoCodes())).append('}')
                    .append('\t').append(r.lagging() ? 't' : 'f').append('\t');
            text(b, r.laggingCriteria());
            b.append('\t');
            text(b, o.tier() == null ? null : o.tier().name());
            b.append('\t').append(o.status().name()).append('\t');
            text(b, o.rank() == null ? null : o.rank().toString());
            b.append('\t');
            text(b, o.ranked() == null ? null : o.ranked().toString());
            b.append('\t');
            text(b, o.previousTier() == null ? null : o.previousTier().name());
            b.append('\t').append(o.movement().name()).append('\t');
            text(b, r.reasons());
            b.append('\n');
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(b.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A COPY text-format field: \N for null, backslash, tab, newline and carriage return escaped. */
    private static void text(StringBuilder b, String value) {
        if (value == null) {
            b.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
    }
}
