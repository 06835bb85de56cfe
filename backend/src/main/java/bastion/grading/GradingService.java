package bastion.grading;

import bastion.common.SqlValues;
import bastion.common.Page;
import bastion.common.ProblemException;
import bastion.cycle.CycleEntity;
import bastion.cycle.CycleService;
import bastion.engine.GradingEngine;
import bastion.grading.GradingDtos.Criterion;
import bastion.grading.GradingDtos.GradingFigures;
import bastion.grading.GradingDtos.GradingResult;
import bastion.grading.GradingDtos.GradingResultPage;
import bastion.grading.GradingDtos.GradingRun;
import bastion.grading.GradingDtos.GradingSummary;
import bastion.grading.GradingDtos.RankedTownship;
import bastion.grading.GradingDtos.RankedVillage;
import bastion.grading.GradingDtos.RuleText;
import bastion.grading.GradingDtos.RunRef;
import bastion.grading.GradingDtos.StarFigures;
import bastion.grading.GradingDtos.TargetCheck;
import bastion.grading.GradingDtos.TierFigures;
import bastion.grading.GradingDtos.TownshipRanking;
import bastion.grading.GradingDtos.VillageRanking;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.rules.RuleSetDtos;
import bastion.rules.RuleSetEntity;
import bastion.rules.RuleSetService;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import bastion.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Reads of grading: runs, the current results (list, CSV), the summary per county and township
 * (SQL aggregates over the current results), rankings, all bounded by the caller's jurisdiction.
 * Other systems (gov-system) read a cycle's grading only once it is published (404 before).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class GradingService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    CycleService cycles;

    @Inject
    RuleSetService ruleSets;

    @Inject
    TargetService targets;

    @Inject
    ObjectMapper json;

    /** A percentage to two decimals, half-up, without trailing zeros ("33.33", "30", "0"). */
    static String percent(BigDecimal value) {
        BigDecimal v = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.signum() == 0 ? "0" : v.toPlainString();
    }

    /** 100 × part / whole, to two decimals; 0 when whole is 0. */
    static String share(long part, long whole) {
        return whole == 0 ? "0" : percent(BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 10, RoundingMode.HALF_UP));
    }

    /** The cycle, if the caller may read its grading: 404 outside the jurisdiction, and for other systems before it is published. */
    public CycleEntity readable(long cycleId) {
        CycleEntity c = cycles.find(caller.jurisdiction(), cycleId);
        if (caller.has(Roles.GOV_SYSTEM) && c.state != CycleEntity.State.PUBLISHED) {
            throw ProblemException.notFound("评定周期 " + cycleId + " 没有已发布的评定结果 / Cycle " + cycleId + " has no published grading results");
        }
        return c;
    }

    // ------------------------------------------------------------------ runs

    public GradingRun run(long runId) {
        @SuppressWarnings("unchecked")
        List<Number> cycle = em.createNativeQuery("SELECT cycle_id FROM grading_run WHERE id = :id").setParameter("id", runId).getResultList();
        if (cycle.isEmpty()) {
            throw runNotFound(runId);
        }
        try {
            readable(cycle.getFirst().longValue());
        } catch (ProblemException e) {
            throw runNotFound(runId);
        }
        return runs(cycle.getFirst().longValue(), runId).getFirst();
    }

    private static ProblemException runNotFound(long runId) {
        return ProblemException.notFound("评定任务 " + runId + " 不存在或与您的管辖范围无关 / Grading run " + runId + " does not exist in your jurisdiction");
    }

    public List<GradingRun> runs(long cycleId) {
        readable(cycleId);
        return runs(cycleId, null);
    }

    private List<GradingRun> runs(long cycleId, Long only) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT r.id, r.state, r.final, (g.current_run_id = r.id), r.rule_set_label, r.method, r.total, r.processed, r.graded,
                       r.incomplete, r.incomplete_ids, r.poor_by_lagging, r.poor_by_veto, r.started_by, r.started_at, r.finished_at,
                       r.failure_reason
                FROM grading_run r LEFT JOIN cycle_grading g ON g.cycle_id = r.cycle_id
                WHERE r.cycle_id = :c AND (CAST(:only AS bigint) IS NULL OR r.id = CAST(:only AS bigint)) ORDER BY r.id DESC LIMIT 1000""")
                .setParameter("c", cycleId).setParameter("only", only).getResultList();
        List<GradingRun> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<OrganizationRef> incomplete = new ArrayList<>();
            Object ids = r[10];
            Long[] idArray = ids instanceof Long[] l ? l : ids instanceof Object[] o ? java.util.Arrays.stream(o).map(x -> ((Number) x).longValue())
                    .toArray(Long[]::new) : new Long[0];
            if (idArray.length > 0) {
                List<Organization> orgs = Organization.list("id in ?1 order by divisionCode, id", List.of(idArray));
                orgs.forEach(o -> incomplete.add(OrganizationRef.of(o)));
            }
            out.add(new GradingRun(((Number) r[0]).longValue(), cycleId, (String) r[1], (Boolean) r[2], Boolean.TRUE.equals(r[3]),
                    (String) r[4], (String) r[5], ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), ((Number) r[8]).intValue(),
                    ((Number) r[9]).intValue(), incomplete, ((Number) r[11]).intValue(), ((Number) r[12]).intValue(), (String) r[13],
                    SqlValues.timestamp(r[14]), SqlValues.timestamp(r[15]), (String) r[16]));
        }
        return out;
    }


    // ------------------------------------------------------------------ current run

    record Current(CycleEntity cycle, RunRef run, GradingEngine.Rules rules, RuleSetDtos.Definition definition) {}

    Current current(CycleEntity c) {
        RuleSetEntity rs = RuleSetEntity.findById(c.ruleSetId);
        RuleSetDtos.Definition definition = ruleSets.read(rs.definition);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT r.id, r.rule_set_label, r.method, r.final, r.finished_at FROM cycle_grading g JOIN grading_run r ON r.id = g.current_run_id
                WHERE g.cycle_id = :c""").setParameter("c", c.id).getResultList();
        RunRef run = rows.isEmpty() ? null : new RunRef(((Number) rows.getFirst()[0]).longValue(), (String) rows.getFirst()[1],
                (String) rows.getFirst()[2], (Boolean) rows.getFirst()[3], SqlValues.timestamp(rows.getFirst()[4]));
        return new Current(c, run, definition.gradingRules(), definition);
    }

    /** The scope of a read: the narrowest of the caller's jurisdiction, the cycle's and the requested subtree. */
    record Scope(String prefix, long rootId, int depth) {}

    Scope scope(CycleEntity c, Long under) {
        String prefix = caller.jurisdiction().within(((Organization) Organization.findById(c.jurisdictionId)).path, under);
        long[] ids = GradingComputation.pathIds(prefix);
        return new Scope(prefix, ids[ids.length - 1], ids.length - 1);
    }

    /** The SQL condition (on grading_result r) of a scope, by the stored ancestors: no tree walk. */
    private static String scopeCondition(Scope s) {
        return switch (s.depth()) {
            case 0 -> "";
            case 1 -> " AND r.county_id = " + s.rootId();
            case 2 -> " AND r.township_id = " + s.rootId();
            default -> " AND r.organization_id = " + s.rootId();
        };
    }

    // ------------------------------------------------------------------ results

    public record Filters(String tier, String gradeClass, String movement, String status, Long county, Long township, Long under, String sort) {}

    private static final String RESULT_COLUMNS = """
            SELECT o.id, o.code, o.name, o.level, o.division_code, t.id, t.code, t.name, t.level, k.id, k.code, k.name, k.level,
                   r.official_index, r.stars, r.complete, r.vetoed, r.veto_codes, r.lagging, CAST(r.lagging_criteria AS text), r.status,
                   r.tier, r.rank, r.previous_tier, r.movement, CAST(r.reasons AS text)""";

    private static final String RESULT_FROM = " " + """
             FROM grading_result r JOIN organization o ON o.id = r.organization_id
             LEFT JOIN organization t ON t.id = r.township_id LEFT JOIN organization k ON k.id = r.county_id
             WHERE r.run_id = ?""";

    private record Where(String sql, List<Object> params) {}

    private Where where(Current cur, Filters f) {
        Scope s = scope(cur.cycle(), f.under());
        StringBuilder w = new StringBuilder(scopeCondition(s));
        List<Object> params = new ArrayList<>();
        if (f.tier() != null) {
            w.append(" AND r.tier = ?");
            params.add(f.tier());
        }
        if (f.gradeClass() != null) {
            w.append(switch (f.gradeClass()) {
                case "ADVANCED" -> " AND r.tier = 'GOOD'";
                case "MIDDLE" -> " AND r.tier IN ('FAIRLY_GOOD', 'AVERAGE')";
                default -> " AND r.tier = 'POOR'";
            });
        }
        if (f.movement() != null) {
            w.append(" AND r.movement = ?");
            params.add(f.movement());
        }
        if (f.status() != null) {
            w.append(" AND r.status = ?");
            params.add(f.status());
        }
        if (f.county() != null) {
            w.append(" AND r.county_id = ?");
            params.add(f.county());
        }
        if (f.township() != null) {
            w.append(" AND r.township_id = ?");
            params.add(f.township());
        }
        return new Where(w.toString(), params);
    }

    private static String orderBy(String sort) {
        return switch (sort) {
            case "index" -> "r.official_index, o.division_code COLLATE \"C\", o.id";
            case "divisionCode" -> "o.division_code COLLATE \"C\", o.id";
            case "-divisionCode" -> "o.division_code COLLATE \"C\" DESC, o.id";
            case "name" -> "o.name COLLATE \"zh-x-icu\", o.division_code COLLATE \"C\", o.id";
            case "-name" -> "o.name COLLATE \"zh-x-icu\" DESC, o.division_code COLLATE \"C\", o.id";
            default -> "r.official_index DESC, o.division_code COLLATE \"C\", o.id";
        };
    }

    public GradingResultPage results(long cycleId, Filters f, int page, int size) {
        Current cur = current(readable(cycleId));
        RuleText rule = RuleText.of(GradingEngine.ruleText(cur.rules()));
        boolean published = cur.cycle().state == CycleEntity.State.PUBLISHED;
        if (cur.run() == null) {
            scope(cur.cycle(), f.under());
            return new GradingResultPage(cycleId, published, null, rule, List.of(), page, size, 0, 0);
        }
        Where w = where(cur, f);
        List<GradingResult> items = new ArrayList<>();
        long[] total = {0};
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(RESULT_COLUMNS + ", count(*) OVER ()" + RESULT_FROM + w.sql() + " ORDER BY "
                    + orderBy(f.sort()) + " LIMIT ? OFFSET ?")) {
                int i = bind(ps, cur.run().id(), w.params());
                ps.setInt(i++, size);
                ps.setLong(i, (long) (page - 1) * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(result(rs));
                        total[0] = rs.getLong(27);
                    }
                }
            }
            if (items.isEmpty() && page > 1) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + RESULT_FROM + w.sql())) {
                    bind(ps, cur.run().id(), w.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total[0] = rs.getLong(1);
                    }
                }
            }
        });
        Page<GradingResult> p = Page.of(items, page, size, total[0]);
        return new GradingResultPage(cycleId, published, cur.run(), rule, p.items(), p.page(), p.size(), p.totalItems(), p.totalPages());
    }

    private static int bind(PreparedStatement ps, long runId, List<Object> params) throws SQLException {
        int i = 1;
        ps.setLong(i++, runId);
        for (Object p : params) {
            if (p instanceof Long l) {
                ps.setLong(i++, l);
            } else {
                ps.setString(i++, (String) p);
            }
        }
        return i;
    }

    private static OrganizationRef ref(ResultSet rs, int at) throws SQLException {
        long id = rs.getLong(at);
        if (rs.wasNull()) {
            return null;
        }
        return new OrganizationRef(id, rs.getString(at + 1), rs.getString(at + 2), Organization.Level.valueOf(rs.getString(at + 3)));
    }

    private GradingResult result(ResultSet rs) throws SQLException {
        String tier = rs.getString(22);
        GradingEngine.GradeClass gradeClass = tier == null ? null : GradingEngine.classOf(GradingEngine.Tier.valueOf(tier));
        int rank = rs.getInt(23);
        Integer rankOrNull = rs.wasNull() ? null : rank;
        return new GradingResult(ref(rs, 1), rs.getString(5), ref(rs, 6), ref(rs, 10), rs.getBigDecimal(14).toPlainString(), rs.getInt(15),
                rs.getBoolean(16), rs.getBoolean(17), List.of((String[]) rs.getArray(18).getArray()), rs.getBoolean(19),
                criteria(rs.getString(20)), rs.getString(21), tier, gradeClass == null ? null : gradeClass.name(), rankOrNull,
                rs.getString(24), rs.getString(25), reasons(rs.getString(26)));
    }

    private List<Criterion> criteria(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<Criterion>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> reasons(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ CSV

    private static final Map<String, String> TIER_ZH = Map.of("GOOD", "好", "FAIRLY_GOOD", "较好", "AVERAGE", "一般", "POOR", "较差");
    private static final Map<String, String> CLASS_ZH = Map.of("ADVANCED", "先进", "MIDDLE", "中间", "BACKWARD", "后进");
    private static final Map<String, String> MOVEMENT_ZH = Map.of("UP", "升档", "SAME", "保持", "DOWN", "降档", "NONE", "无");

    /** Every current result under the filters as CSV: UTF-8 with BOM, Chinese headers, formula-injection safe. */
    public byte[] csv(long cycleId, Filters f) {
        Current cur = current(readable(cycleId));
        StringBuilder b = new StringBuilder("\uFEFF");
        row(b, List.of("组织编码", "组织名称", "区划代码", "乡镇", "县(市、区)", "堡垒指数", "星级", "评分完整", "一票否决", "后进情形", "档次", "三分类",
                "县内排名", "上年档次", "升降", "较差原因", "规则集"));
        if (cur.run() == null) {
            scope(cur.cycle(), f.under());
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
        Where w = where(cur, f);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(RESULT_COLUMNS + ", 0" + RESULT_FROM + w.sql() + " ORDER BY " + orderBy(f.sort()))) {
                bind(ps, cur.run().id(), w.params());
                ps.setFetchSize(2000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        GradingResult g = result(rs);
                        List<String> cells = new ArrayList<>();
                        cells.add(g.organization().code());
                        cells.add(g.organization().name());
                        cells.add(g.divisionCode());
                        cells.add(g.township() == null ? "" : g.township().name());
                        cells.add(g.county() == null ? "" : g.county().name());
                        cells.add(g.officialIndex());
                        cells.add(Integer.toString(g.stars()));
                        cells.add(g.complete() ? "是" : "否");
                        cells.add(g.vetoed() ? String.join(" ", g.vetoCodes()) : "");
                        cells.add(String.join("; ", g.laggingCriteria().stream().map(k -> k.code() + " " + k.title()).toList()));
                        cells.add(g.tier() == null ? "不完整" : TIER_ZH.get(g.tier()));
                        cells.add(g.gradeClass() == null ? "" : CLASS_ZH.get(g.gradeClass()));
                        cells.add(g.rank() == null ? "" : g.rank().toString());
                        cells.add(g.previousTier() == null ? "" : TIER_ZH.get(g.previousTier()));
                        cells.add(MOVEMENT_ZH.get(g.movement()));
                        cells.add(String.join("; ", g.reasons().stream().map(m -> String.valueOf(m.get("text"))).toList()));
                        cells.add(cur.run().ruleSetLabel());
                        row(b, cells);
                    }
                }
            }
        });
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
    }

    /** A CSV cell: formula starters (= + - @ tab CR) prefixed with ', quoted when needed. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    // ------------------------------------------------------------------ summary

    private static final String SUMMARY = """
            SELECT r.county_id, r.township_id, count(*), count(r.tier), count(*) FILTER (WHERE r.status = 'INCOMPLETE'),
                   count(*) FILTER (WHERE r.tier = 'GOOD'), count(*) FILTER (WHERE r.tier = 'FAIRLY_GOOD'),
                   count(*) FILTER (WHERE r.tier = 'AVERAGE'), count(*) FILTER (WHERE r.tier = 'POOR'),
                   count(*) FILTER (WHERE r.movement = 'UP'), count(*) FILTER (WHERE r.movement = 'SAME'),
                   count(*) FILTER (WHERE r.movement = 'DOWN'), count(*) FILTER (WHERE r.movement = 'NONE'),
                   count(*) FILTER (WHERE r.lagging), count(*) FILTER (WHERE r.complete),
                   count(*) FILTER (WHERE r.complete AND r.stars = 1), count(*) FILTER (WHERE r.complete AND r.stars = 2),
                   count(*) FILTER (WHERE r.complete AND r.stars = 3), count(*) FILTER (WHERE r.complete AND r.stars = 4),
                   count(*) FILTER (WHERE r.complete AND r.stars = 5)
            FROM grading_result r WHERE r.run_id = ?""";

    /** Counts in the order of {@link #SUMMARY}'s columns from the third on. */
    private static final int N = 18;

    /** A response body serialised once, with its entity tag. */
    public record Json(byte[] body, String etag) {}

    /**
     * Serialised summaries by everything they depend on: {@code key} names the cycles (with their
     * states and current runs) and the scope; the year's targets are added here. A summary is
     * computed and serialised once per key, then served as bytes (and as 304 to a client holding
     * its tag). Entries live at most {@link #SUMMARY_TTL_NANOS} (names of organisations may change).
     */
    private final Map<String, Object[]> responses = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object[]> eldest) {
            return size() > 256;
        }
    });

    Json cachedJson(StringBuilder key, int year, java.util.function.Supplier<Object> compute) {
        new java.util.TreeMap<>(targets.stored(year)).forEach((id, t) -> key.append(',').append(id).append(':').append(t.revision()));
        String k = key.toString();
        Object[] hit = responses.get(k);
        if (hit != null && System.nanoTime() - (long) hit[1] < SUMMARY_TTL_NANOS) {
            return (Json) hit[0];
        }
        try {
            byte[] body = json.writeValueAsBytes(compute.get());
            String etag = "\"" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
            Json out = new Json(body, etag);
            responses.put(k, new Object[] {out, System.nanoTime()});
            return out;
        } catch (JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 200 with the body and its tag, or 304 when the client holds that tag. */
    public static jakarta.ws.rs.core.Response respond(Json j, String ifNoneMatch) {
        if (ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(t -> t.equals(j.etag()) || t.equals("W/" + j.etag()) || t.equals("*"))) {
            return jakarta.ws.rs.core.Response.notModified().tag(new jakarta.ws.rs.core.EntityTag(j.etag().substring(1, j.etag().length() - 1)))
                    .build();
        }
        return jakarta.ws.rs.core.Response.ok(j.body(), jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .tag(new jakarta.ws.rs.core.EntityTag(j.etag().substring(1, j.etag().length() - 1))).build();
    }

    /** {@link #summary} serialised, from memory while the cycle's state, current run, the scope and the targets are unchanged. */
    public Json summaryJson(long cycleId, Long under) {
        CycleEntity c = readable(cycleId);
        Scope s = scope(c, under);
        @SuppressWarnings("unchecked")
        List<Number> run = em.createNativeQuery("SELECT current_run_id FROM cycle_grading WHERE cycle_id = :c").setParameter("c", cycleId)
                .getResultList();
        StringBuilder key = new StringBuilder("cycle|").append(cycleId).append('|').append(c.state).append('|')
                .append(run.isEmpty() ? null : run.getFirst()).append('|').append(s.prefix());
        return cachedJson(key, c.year, () -> summary(c, s));
    }

    private GradingSummary summary(CycleEntity cycle, Scope s) {
        long cycleId = cycle.id;
        Current cur = current(cycle);
        RuleText rule = RuleText.of(GradingEngine.ruleText(cur.rules()));
        boolean published = cur.cycle().state == CycleEntity.State.PUBLISHED;
        RuleSetDtos.StarGuide guide = cur.definition().starGuide();
        Figures f = figures(cur.run() == null ? List.of() : List.of(cur.run().id()), s, cur.cycle().year, o -> guide);
        return new GradingSummary(cycleId, published, cur.run(), rule, f.scope(), f.counties(), f.townships());
    }

    /** The figures of a summary: the scope's, each county's and each township's. */
    record Figures(GradingFigures scope, List<GradingFigures> counties, List<GradingFigures> townships) {}

    /**
     * Summaries computed from the current results of given runs for a scope, kept while the runs,
     * the scope and the year's targets are unchanged (the key holds all three, so a new current
     * run or a target written makes a new entry) and for at most {@link #SUMMARY_TTL_NANOS} (names
     * of organisations). A run's results never change once written (grading_result is append-only),
     * which is what makes this cache exact.
     */
    private final Map<String, Object[]> summaries = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object[]> eldest) {
            return size() > 256;
        }
    });

    static final long SUMMARY_TTL_NANOS = 300_000_000_000L;

    Figures figures(List<Long> runIds, Scope s, int year, java.util.function.Function<Organization, RuleSetDtos.StarGuide> guideOf) {
        Map<Long, TargetService.Stored> stored = targets.stored(year);
        StringBuilder key = new StringBuilder().append(runIds).append('|').append(s.prefix()).append('|').append(year);
        new java.util.TreeMap<>(stored).forEach((id, t) -> key.append(',').append(id).append(':').append(t.revision()));
        Object[] hit = summaries.get(key.toString());
        if (hit != null && System.nanoTime() - (long) hit[1] < SUMMARY_TTL_NANOS) {
            return (Figures) hit[0];
        }
        Figures computed = computeFigures(runIds, s, stored, guideOf);
        summaries.put(key.toString(), new Object[] {computed, System.nanoTime()});
        return computed;
    }

    private Figures computeFigures(List<Long> runIds, Scope s, Map<Long, TargetService.Stored> stored,
            java.util.function.Function<Organization, RuleSetDtos.StarGuide> guideOf) {
        Map<Long, long[]> townships = new LinkedHashMap<>();
        Map<Long, Long> countyOf = new HashMap<>();
        if (!runIds.isEmpty()) {
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement(SUMMARY.replace("r.run_id = ?", "r.run_id = ANY (?)") + scopeCondition(s)
                        + " GROUP BY r.county_id, r.township_id")) {
                    ps.setArray(1, c.createArrayOf("bigint", runIds.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long[] n = new long[N];
                            for (int i = 0; i < N; i++) {
                                n[i] = rs.getLong(i + 3);
                            }
                            townships.put(rs.getLong(2), n);
                            countyOf.put(rs.getLong(2), rs.getLong(1));
                        }
                    }
                }
            });
        }
        Map<Long, long[]> counties = new LinkedHashMap<>();
        long[] total = new long[N];
        townships.forEach((t, n) -> {
            long[] k = counties.computeIfAbsent(countyOf.get(t), x -> new long[N]);
            for (int i = 0; i < N; i++) {
                k[i] += n[i];
                total[i] += n[i];
            }
        });
        List<Long> ids = new ArrayList<>(townships.keySet());
        ids.addAll(counties.keySet());
        ids.add(s.rootId());
        Map<Long, Organization> orgs = new HashMap<>();
        for (Organization o : Organization.<Organization>list("id in ?1", ids)) {
            orgs.put(o.id, o);
        }
        Comparator<Organization> byCode = Comparator.comparing((Organization o) -> o.divisionCode).thenComparing(o -> o.id);
        List<GradingFigures> countyFigures = counties.keySet().stream().map(orgs::get).sorted(byCode)
                .map(o -> figures(o, counties.get(o.id), stored, guideOf.apply(o), orgs)).toList();
        List<GradingFigures> townshipFigures = townships.keySet().stream().map(orgs::get).sorted(byCode)
                .map(o -> figures(o, townships.get(o.id), stored, guideOf.apply(o), orgs)).toList();
        Organization root = orgs.get(s.rootId());
        return new Figures(figures(root, total, stored, guideOf.apply(root), orgs), countyFigures, townshipFigures);
    }

    /**
     * The summary of every cycle of a year and phase that concerns the caller (their jurisdiction's,
     * its counties', or the county/city cycle above them), over their current results within the
     * caller's jurisdiction (narrowed to {@code under}): what a city or province sees at once when
     * its counties grade their own cycles. Other systems see only published cycles. Star guides are
     * each cycle's rule set's (for the scope as a whole only when every cycle has the same guide).
     */
    public Json yearSummary(int year, CycleEntity.Phase phase, Long under) {
        Jurisdiction j = caller.jurisdiction();
        String prefix = j.subtree(under);
        boolean publishedOnly = caller.has(Roles.GOV_SYSTEM);
        String scopePrefix = prefix;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.id, c.state, c.rule_set_id, w.id, w.path, r.id, r.rule_set_label, r.method, r.final, r.finished_at
                FROM cycle c JOIN organization w ON w.id = c.jurisdiction_id
                LEFT JOIN cycle_grading g ON g.cycle_id = c.id LEFT JOIN grading_run r ON r.id = g.current_run_id
                WHERE c.year = :y AND c.phase = :p AND (w.path LIKE :prefix OR :prefix LIKE w.path || '%')
                  AND (NOT CAST(:published AS boolean) OR c.state = 'PUBLISHED')
                ORDER BY c.id""").setParameter("y", year).setParameter("p", phase.name()).setParameter("prefix", scopePrefix + "%")
                .setParameter("published", publishedOnly).getResultList();
        StringBuilder key = new StringBuilder("year|").append(year).append('|').append(phase).append('|').append(scopePrefix).append('|')
                .append(publishedOnly);
        for (Object[] r : rows) {
            key.append('|').append(r[0]).append(':').append(r[1]).append(':').append(r[5]);
        }
        return cachedJson(key, year, () -> yearSummary(year, phase, scopePrefix, rows));
    }

    private GradingDtos.GradingYearSummary yearSummary(int year, CycleEntity.Phase phase, String scopePrefix, List<Object[]> rows) {
        List<GradingDtos.CycleRun> cycles = new ArrayList<>();
        List<Long> runIds = new ArrayList<>();
        Map<String, RuleSetDtos.StarGuide> guideByPath = new LinkedHashMap<>();
        Map<Long, RuleSetDtos.StarGuide> guideByRuleSet = new HashMap<>();
        for (Object[] r : rows) {
            long ruleSet = ((Number) r[2]).longValue();
            RuleSetDtos.StarGuide guide = guideByRuleSet.computeIfAbsent(ruleSet,
                    id -> ruleSets.read(((RuleSetEntity) RuleSetEntity.findById(id)).definition).starGuide());
            guideByPath.put((String) r[4], guide);
            RunRef run = r[5] == null ? null : new RunRef(((Number) r[5]).longValue(), (String) r[6], (String) r[7], (Boolean) r[8],
                    SqlValues.timestamp(r[9]));
            if (run != null) {
                runIds.add(run.id());
            }
            cycles.add(new GradingDtos.CycleRun(((Number) r[0]).longValue(), OrganizationRef.of(Organization.findById(((Number) r[3]).longValue())),
                    (String) r[1], run));
        }
        long[] ids = GradingComputation.pathIds(scopePrefix);
        Scope s = new Scope(scopePrefix, ids[ids.length - 1], ids.length - 1);
        boolean oneGuide = guideByPath.values().stream().distinct().count() <= 1;
        java.util.function.Function<Organization, RuleSetDtos.StarGuide> guideOf = o -> {
            RuleSetDtos.StarGuide best = null;
            int length = -1;
            for (Map.Entry<String, RuleSetDtos.StarGuide> e : guideByPath.entrySet()) {
                if (o.path.startsWith(e.getKey()) && e.getKey().length() > length) {
                    best = e.getValue();
                    length = e.getKey().length();
                }
            }
            return best != null ? best : oneGuide && !guideByPath.isEmpty() ? guideByPath.values().iterator().next() : null;
        };
        Figures f = figures(runIds, s, year, guideOf);
        return new GradingDtos.GradingYearSummary(year, phase.name(), cycles, f.scope(), f.counties(), f.townships());
    }

    private static GradingFigures figures(Organization o, long[] n, Map<Long, TargetService.Stored> stored, RuleSetDtos.StarGuide guide,
            Map<Long, Organization> orgs) {
        long total = n[0];
        long graded = n[1];
        long good = n[3];
        long fairly = n[4];
        long average = n[5];
        long poor = n[6];
        Map<String, TierFigures> tiers = new LinkedHashMap<>();
        tiers.put("GOOD", new TierFigures((int) good, share(good, graded)));
        tiers.put("FAIRLY_GOOD", new TierFigures((int) fairly, share(fairly, graded)));
        tiers.put("AVERAGE", new TierFigures((int) average, share(average, graded)));
        tiers.put("POOR", new TierFigures((int) poor, share(poor, graded)));
        Map<String, TierFigures> classes = new LinkedHashMap<>();
        classes.put("ADVANCED", new TierFigures((int) good, share(good, graded)));
        classes.put("MIDDLE", new TierFigures((int) (fairly + average), share(fairly + average, graded)));
        classes.put("BACKWARD", new TierFigures((int) poor, share(poor, graded)));
        Map<String, Integer> movement = new LinkedHashMap<>();
        movement.put("UP", (int) n[7]);
        movement.put("SAME", (int) n[8]);
        movement.put("DOWN", (int) n[9]);
        movement.put("NONE", (int) n[10]);
        TargetService.Effective e = TargetService.effective(stored, o.path);
        Organization from = e.fromId() == null ? null : orgs.containsKey(e.fromId()) ? orgs.get(e.fromId()) : Organization.findById(e.fromId());
        TargetCheck target = target(e, from == null ? null : OrganizationRef.of(from), good + fairly, poor, graded);
        long complete = n[12];
        Map<String, Integer> starCounts = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            starCounts.put(Integer.toString(i), (int) n[12 + i]);
        }
        List<String> warnings = new ArrayList<>();
        String guideFive = null;
        String guideFour = null;
        if (guide != null && guide.five() != null) {
            BigDecimal g = new BigDecimal(guide.five());
            guideFive = percent(g);
            if (BigDecimal.valueOf(n[17] * 100).compareTo(g.multiply(BigDecimal.valueOf(complete))) > 0) {
                warnings.add("五星比例 " + share(n[17], complete) + "% 超过指导比例 " + guideFive + "% / five-star share " + share(n[17], complete)
                        + " % exceeds the guide " + guideFive + " %");
            }
        }
        if (guide != null && guide.four() != null) {
            BigDecimal g = new BigDecimal(guide.four());
            guideFour = percent(g);
            if (BigDecimal.valueOf(n[16] * 100).compareTo(g.multiply(BigDecimal.valueOf(complete))) > 0) {
                warnings.add("四星比例 " + share(n[16], complete) + "% 超过指导比例 " + guideFour + "% / four-star share " + share(n[16], complete)
                        + " % exceeds the guide " + guideFour + " %");
            }
        }
        StarFigures stars = new StarFigures(starCounts, share(n[17], complete), share(n[16], complete), guideFive, guideFour, warnings);
        return new GradingFigures(OrganizationRef.of(o), (int) total, (int) graded, (int) n[2], tiers, classes, movement, (int) n[11],
                share(n[11], total), target, stars);
    }

    /**
     * A target check, decided exactly on the counts: met when 100 × good ≥ min × graded and
     * 100 × poor ≤ max × graded; distances are actual − target in percentage points.
     */
    static TargetCheck target(TargetService.Effective e, OrganizationRef from, long good, long poor, long graded) {
        BigDecimal n = BigDecimal.valueOf(graded);
        boolean goodMet = BigDecimal.valueOf(good * 100).compareTo(e.minGood().multiply(n)) >= 0;
        boolean poorMet = BigDecimal.valueOf(poor * 100).compareTo(e.maxPoor().multiply(n)) <= 0;
        String goodDistance = graded == 0 ? percent(e.minGood().negate())
                : percent(BigDecimal.valueOf(good * 100).subtract(e.minGood().multiply(n)).divide(n, 10, RoundingMode.HALF_UP));
        String poorDistance = graded == 0 ? percent(e.maxPoor().negate())
                : percent(BigDecimal.valueOf(poor * 100).subtract(e.maxPoor().multiply(n)).divide(n, 10, RoundingMode.HALF_UP));
        return new TargetCheck(percent(e.minGood()), percent(e.maxPoor()), e.source().name(), from, share(good, graded), share(poor, graded),
                goodMet, poorMet, goodMet && poorMet, goodDistance, poorDistance);
    }

    // ------------------------------------------------------------------ rankings

    private static final RuleText VILLAGE_RULE = new RuleText(
            "百强村: 评分完整、且非因后进或一票否决定为较差的村(社区)党组织, 按公布的堡垒指数从高到低排列, 指数相同者名次并列 (1,2,2,4), 同分按区划代码排列。",
            "Top villages: organisations with a complete scorecard that are not POOR by lagging or veto, by official index, highest first; "
                    + "equal indices share a rank (1, 2, 2, 4) and are listed by division code.");

    private static final RuleText TOWNSHIP_RULE = new RuleText(
            "十佳乡镇: 按所辖评分完整的村(社区)党组织公布的堡垒指数平均值从高到低排列 (显示到两位小数, 按精确值比较), 相同时按好+较好占定档组织的比例从高到低, 再按组织编码; 两项均相同者名次并列。",
            "Top townships: by the mean official index of their villages with a complete scorecard, highest first (shown to two decimals, "
                    + "compared exactly), then by the share of GOOD + FAIRLY_GOOD among their villages with a tier, highest first, then by code; "
                    + "equal on both shares a rank.");

    public VillageRanking villages(long cycleId, Long under, int limit) {
        Current cur = current(readable(cycleId));
        Scope s = scope(cur.cycle(), under);
        boolean published = cur.cycle().state == CycleEntity.State.PUBLISHED;
        List<RankedVillage> items = new ArrayList<>();
        if (cur.run() != null) {
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT o.id, o.code, o.name, o.level, o.division_code, t.id, t.code, t.name, t.level, k.id, k.code, k.name, k.level,
                               r.official_index, r.stars, r.tier, rank() OVER (ORDER BY r.official_index DESC)
                        """ + RESULT_FROM + scopeCondition(s) + " AND r.complete AND NOT r.lagging AND NOT r.vetoed"
                        + " ORDER BY r.official_index DESC, o.division_code COLLATE \"C\", o.id LIMIT ?")) {
                    ps.setLong(1, cur.run().id());
                    ps.setInt(2, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(new RankedVillage(rs.getInt(17), ref(rs, 1), rs.getString(5), ref(rs, 6), ref(rs, 10),
                                    rs.getBigDecimal(14).toPlainString(), rs.getInt(15), rs.getString(16)));
                        }
                    }
                }
            });
        }
        return new VillageRanking(cycleId, published, cur.run(), VILLAGE_RULE, items);
    }

    private record TownshipRow(long id, BigDecimal sum, long complete, long good, long tiered) {}

    public TownshipRanking townships(long cycleId, Long under, int limit) {
        Current cur = current(readable(cycleId));
        Scope s = scope(cur.cycle(), under);
        boolean published = cur.cycle().state == CycleEntity.State.PUBLISHED;
        List<TownshipRow> rows = new ArrayList<>();
        if (cur.run() != null) {
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT r.township_id, sum(r.official_index) FILTER (WHERE r.complete), count(*) FILTER (WHERE r.complete),
                               count(*) FILTER (WHERE r.tier IN ('GOOD', 'FAIRLY_GOOD')), count(r.tier)
                        FROM grading_result r WHERE r.run_id = ?""" + scopeCondition(s) + " GROUP BY r.township_id")) {
                    ps.setLong(1, cur.run().id());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getLong(3) > 0) {
                                rows.add(new TownshipRow(rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                            }
                        }
                    }
                }
            });
        }
        Map<Long, Organization> orgs = new HashMap<>();
        if (!rows.isEmpty()) {
            List<Long> ids = new ArrayList<>(rows.stream().map(TownshipRow::id).toList());
            for (Organization o : Organization.<Organization>list("id in ?1", ids)) {
                orgs.put(o.id, o);
            }
            List<Long> parents = orgs.values().stream().map(o -> o.parentId).distinct().toList();
            for (Organization o : Organization.<Organization>list("id in ?1", parents)) {
                orgs.put(o.id, o);
            }
        }
        Comparator<TownshipRow> byMean = (a, b) -> b.sum().multiply(BigDecimal.valueOf(a.complete()))
                .compareTo(a.sum().multiply(BigDecimal.valueOf(b.complete())));
        Comparator<TownshipRow> byGood = (a, b) -> Long.compare(b.good() * Math.max(a.tiered(), 1), a.good() * Math.max(b.tiered(), 1));
        Comparator<TownshipRow> order = byMean.thenComparing(byGood).thenComparing(r -> orgs.get(r.id()).code);
        rows.sort(order);
        List<RankedTownship> items = new ArrayList<>();
        int rank = 0;
        for (int i = 0; i < rows.size() && i < limit; i++) {
            TownshipRow r = rows.get(i);
            if (i == 0 || byMean.thenComparing(byGood).compare(rows.get(i - 1), r) != 0) {
                rank = i + 1;
            }
            Organization t = orgs.get(r.id());
            Organization k = orgs.get(t.parentId);
            items.add(new RankedTownship(rank, OrganizationRef.of(t), k == null ? null : OrganizationRef.of(k), (int) r.complete(),
                    r.sum().divide(BigDecimal.valueOf(r.complete()), 2, RoundingMode.HALF_UP).toPlainString(), share(r.good(), r.tiered())));
        }
        return new TownshipRanking(cycleId, published, cur.run(), TOWNSHIP_RULE, items);
    }
}
