package bastion.scoring;

import bastion.common.Page;
import bastion.common.ProblemException;
import bastion.cycle.CycleEntity;
import bastion.cycle.CycleService;
import bastion.engine.FortressIndexEngine;
import bastion.engine.FortressResult;
import bastion.engine.RuleSet;
import bastion.engine.Scorecard;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.rules.RuleSetEntity;
import bastion.rules.RuleSetService;
import bastion.scoring.FortressDtos.FortressIndexPage;
import bastion.scoring.FortressDtos.FortressIndexSummary;
import bastion.scoring.FortressDtos.FortressIndexView;
import bastion.security.Jurisdiction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Runs the engine over stored scorecards: one organisation's index with its explanation, the
 * indices of a subtree, and the results stored once when a cycle is published. Nothing else
 * computes an index.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FortressService {

    private static final Logger LOG = Logger.getLogger(FortressService.class);

    /** A graded organisation with what lists need about it. */
    public record Graded(long id, String code, String name, String divisionCode, String placeType, String countyCode,
            String parentName, String path) {

        OrganizationRef ref() {
            return new OrganizationRef(id, code, name, Organization.Level.VILLAGE);
        }
    }

    public record Computed(Graded organization, FortressResult result) {}

    @Inject
    EntityManager em;

    @Inject
    ScorecardRepository scorecards;

    @Inject
    RuleSetService ruleSets;

    @Inject
    ObjectMapper json;

    /** The graded organisation, if it is in the caller's scope and in the cycle; otherwise 404. */
    public Graded requireGraded(Jurisdiction scope, CycleEntity cycle, long organizationId) {
        Organization o = Organization.findById(organizationId);
        Organization cycleOwner = Organization.findById(cycle.jurisdictionId);
        if (o == null || !scope.covers(o) || !o.path.startsWith(cycleOwner.path) || !o.graded) {
            throw ProblemException.notFound("组织 " + organizationId + " 不在此评定周期或您的管辖范围内 / Organisation " + organizationId
                    + " is not graded in this cycle within your jurisdiction");
        }
        Organization parent = Organization.findById(o.parentId);
        return new Graded(o.id, o.code, o.name, o.divisionCode, o.placeType.name(), o.countyCode, parent.name, o.path);
    }

    /**
     * What the indices of a cycle need from its rule set, derived once per rule-set revision: the
     * rules per place type for the list path, and the empty-card result of each place type (an
     * organisation without a scorecard gets it in lists).
     */
    record ListRules(RuleSet rules, FortressTotals.Prepared prepared, FortressResult emptyVillage, FortressResult emptyCommunity) {

        RuleSet typed(String placeType) {
            return prepared.of(placeType).rules();
        }

        FortressResult empty(String placeType) {
            return "VILLAGE".equals(placeType) ? emptyVillage : emptyCommunity;
        }
    }

    private final java.util.concurrent.ConcurrentHashMap<Long, ListRules> listRules = new java.util.concurrent.ConcurrentHashMap<>();

    ListRules listRules(long ruleSetId, long revision, String label) {
        RuleSet rules = ruleSets.engineRules(ruleSetId, revision, label);
        ListRules cached = listRules.get(ruleSetId);
        if (cached == null || cached.rules() != rules) {
            FortressTotals.Prepared prepared = FortressTotals.prepare(rules);
            Scorecard empty = toEngine(null, null);
            cached = new ListRules(rules, prepared, FortressIndexEngine.compute(prepared.village().rules(), empty),
                    FortressIndexEngine.compute(prepared.community().rules(), empty));
            listRules.put(ruleSetId, cached);
        }
        return cached;
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    /**
     * One organisation's index: the stored result once published, else computed from its scorecard.
     * One query for the cycle, its rule set, the organisation and its parent, then one for the
     * scorecard (or the stored result); the checks are those of {@link CycleService#find} and
     * {@link #requireGraded}, in the same order, with the same answers.
     */
    public Object index(Jurisdiction scope, long cycleId, long organizationId) {
        return session().doReturningWork(c -> {
            Object[] h;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.state, w.path, c.rule_set_id, r.revision, r.label,
                           o.id, o.code, o.name, o.division_code, o.place_type, o.county_code, o.path, o.graded, p.name
                    FROM cycle c JOIN organization w ON w.id = c.jurisdiction_id JOIN rule_set r ON r.id = c.rule_set_id
                    LEFT JOIN organization o ON o.id = ? LEFT JOIN organization p ON p.id = o.parent_id
                    WHERE c.id = ?""")) {
                ps.setLong(1, organizationId);
                ps.setLong(2, cycleId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw CycleService.notFound(cycleId);
                    }
                    h = new Object[14];
                    for (int i = 0; i < h.length; i++) {
                        h[i] = rs.getObject(i + 1);
                    }
                }
            }
            String ownerPath = (String) h[1];
            if (!scope.isRelated(ownerPath)) {
                throw CycleService.notFound(cycleId);
            }
            String path = (String) h[11];
            if (h[5] == null || !scope.covers(path) || !path.startsWith(ownerPath) || !Boolean.TRUE.equals(h[12])) {
                throw notGraded(organizationId);
            }
            Graded g = new Graded(((Number) h[5]).longValue(), (String) h[6], (String) h[7], (String) h[8], (String) h[9], (String) h[10],
                    (String) h[13], path);
            if (CycleEntity.State.valueOf((String) h[0]) == CycleEntity.State.PUBLISHED) {
                try (PreparedStatement ps = c.prepareStatement("SELECT body FROM fortress_result WHERE cycle_id = ? AND organization_id = ?")) {
                    ps.setLong(1, cycleId);
                    ps.setLong(2, g.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            }
            ListRules rules = listRules(((Number) h[2]).longValue(), ((Number) h[3]).longValue(), (String) h[4]);
            RuleSet typed = rules.typed(g.placeType());
            FortressResult r = FortressIndexEngine.compute(typed, toEngine(typed, ScorecardRepository.find(c, cycleId, g.id())));
            return FortressIndexView.of(cycleId, g.ref(), r, false);
        });
    }

    private static ProblemException notGraded(long organizationId) {
        return ProblemException.notFound("组织 " + organizationId + " 不在此评定周期或您的管辖范围内 / Organisation " + organizationId
                + " is not graded in this cycle within your jurisdiction");
    }

    /**
     * A page of the cycle's indices. Published: from fortress_result. Otherwise from the indices kept
     * in fortress_current when scorecards are written, an organisation without a scorecard getting
     * the empty-card result of its place type: count, filter, order and page in SQL.
     */
    public FortressIndexPage list(Jurisdiction scope, CycleService.Head cycle, Long under, Integer stars, Boolean complete, String sort,
            int page, int size) {
        String prefix = prefix(scope, cycle, under);
        if (cycle.state() == CycleEntity.State.PUBLISHED) {
            return publishedPage(cycle.id(), prefix, stars, complete, sort, page, size, cycle.ruleSetLabel());
        }
        ListRules rules = listRules(cycle.ruleSetId(), cycle.ruleSetRevision(), cycle.ruleSetLabel());
        FortressIndexPage p = session().doReturningWork(c -> currentPage(c, cycle.id(), rules, prefix, stars, complete, sort, page, size));
        return new FortressIndexPage(p.items(), p.page(), p.size(), p.totalItems(), p.totalPages(), cycle.ruleSetLabel(), false);
    }

    /** The graded organisations under the prefix with their current index (stored, or the empty card's); {@code r} in queries. */
    static final String CURRENT = """
            SELECT o.id, o.code, o.name, o.division_code, o.parent_id,
                   CASE WHEN f.organization_id IS NULL THEN e.official_index ELSE f.official_index END AS official_index,
                   CASE WHEN f.organization_id IS NULL THEN e.stars ELSE f.stars END AS stars,
                   CASE WHEN f.organization_id IS NULL THEN e.complete ELSE f.complete END AS complete,
                   CASE WHEN f.organization_id IS NULL THEN e.vetoed ELSE f.vetoed END AS vetoed
            FROM organization o
            JOIN (VALUES ('VILLAGE', CAST(? AS numeric), CAST(? AS integer), CAST(? AS boolean), CAST(? AS boolean)),
                         ('COMMUNITY', CAST(? AS numeric), CAST(? AS integer), CAST(? AS boolean), CAST(? AS boolean)))
                 AS e (place_type, official_index, stars, complete, vetoed) ON e.place_type = o.place_type
            LEFT JOIN fortress_current f ON f.cycle_id = ? AND f.organization_id = o.id
            WHERE o.graded AND o.path ~>=~ ? AND o.path ~<~ ? AND o.path LIKE ?""";

    private static FortressIndexPage currentPage(Connection c, long cycleId, ListRules rules, String prefix, Integer stars, Boolean complete,
            String sort, int page, int size) throws SQLException {
        String filter = (stars == null ? "" : " AND r.stars = ?") + (complete == null ? "" : " AND r.complete = ?");
        boolean inJava = sort.equals("name") || sort.equals("-name");   // the list's pinyin order is java.text.Collator's
        String orderBy = switch (sort) {
            case "index" -> "official_index, division_code COLLATE \"C\", id";
            case "divisionCode" -> "division_code COLLATE \"C\", id";
            case "-divisionCode" -> "division_code COLLATE \"C\" DESC, id";
            default -> "official_index DESC, division_code COLLATE \"C\", id";
        };
        String sql = inJava
                ? "SELECT r.id, r.code, r.name, r.division_code, p.name, r.official_index, r.stars, r.complete, r.vetoed, 0 FROM (" + CURRENT
                        + ") r JOIN organization p ON p.id = r.parent_id WHERE true" + filter
                : "SELECT q.id, q.code, q.name, q.division_code, p.name, q.official_index, q.stars, q.complete, q.vetoed, q.total FROM ("
                        + "SELECT r.*, count(*) OVER () AS total FROM (" + CURRENT + ") r WHERE true" + filter + " ORDER BY " + orderBy
                        + " LIMIT ? OFFSET ?) q JOIN organization p ON p.id = q.parent_id ORDER BY " + orderBy.replace("official_index",
                                "q.official_index").replace("division_code", "q.division_code").replace(", id", ", q.id");
        List<FortressIndexSummary> items = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindCurrent(ps, cycleId, rules, prefix, stars, complete);
            if (!inJava) {
                ps.setInt(i++, size);
                ps.setLong(i, (long) (page - 1) * size);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new FortressIndexSummary(new OrganizationRef(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Organization.Level.VILLAGE), rs.getString(4), rs.getString(5), rs.getBigDecimal(6).toPlainString(),
                            rs.getInt(7), rs.getBoolean(8), rs.getBoolean(9)));
                    total = rs.getLong(10);
                }
            }
        }
        if (inJava) {
            items.sort(order(sort));
            total = items.size();
            int from = Math.min((page - 1) * size, items.size());
            items = items.subList(from, Math.min(from + size, items.size()));
        } else if (items.isEmpty() && page > 1) {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + CURRENT + ") r WHERE true" + filter)) {
                bindCurrent(ps, cycleId, rules, prefix, stars, complete);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
        }
        Page<FortressIndexSummary> p = Page.of(List.copyOf(items), page, size, total);
        return new FortressIndexPage(p.items(), p.page(), p.size(), p.totalItems(), p.totalPages(), rules.rules().version(), false);
    }

    private static int bindCurrent(PreparedStatement ps, long cycleId, ListRules rules, String prefix, Integer stars, Boolean complete)
            throws SQLException {
        int i = 1;
        for (FortressResult e : List.of(rules.emptyVillage(), rules.emptyCommunity())) {
            ps.setBigDecimal(i++, e.officialIndex());
            ps.setInt(i++, e.stars());
            ps.setBoolean(i++, e.complete());
            ps.setBoolean(i++, e.vetoed());
        }
        String[] range = FortressTotals.pathRange(prefix);
        ps.setLong(i++, cycleId);
        ps.setString(i++, range[0]);
        ps.setString(i++, range[1]);
        ps.setString(i++, prefix + "%");
        if (stars != null) {
            ps.setInt(i++, stars);
        }
        if (complete != null) {
            ps.setBoolean(i++, complete);
        }
        return i;
    }

    /**
     * Keeps the current index of one organisation in step with its scorecard, in the transaction of
     * the write: computed by the engine from the scorecard as stored, exactly as the single index is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeCurrent(long cycleId, long ruleSetId, long ruleSetRevision, String ruleSetLabel, Graded g,
            ScorecardRepository.Stored stored) {
        RuleSet typed = listRules(ruleSetId, ruleSetRevision, ruleSetLabel).typed(g.placeType());
        FortressResult r = FortressIndexEngine.compute(typed, toEngine(typed, stored));
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(FortressTotals.UPSERT)) {
                FortressTotals.bind(ps, cycleId, g.id(), g.countyCode(), g.placeType(), stored.revision(), r.officialIndex(), r.stars(),
                        r.complete(), r.vetoed());
                ps.executeUpdate();
            }
        });
    }

    /**
     * Computes the index of every graded organisation of the given cycles from their stored
     * scorecards (the list path of the engine over totals that SQL adds up for all the cycles at
     * once: {@link FortressTotals#computeScope}) and stores those of the scored ones in
     * fortress_current; published cycles are skipped. Used to fill missing or stale rows; safe
     * while scorecards are written (a row is never replaced by one of an older scorecard
     * revision). Returns the rows stored.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int recompute(java.util.Collection<Long> cycleIds) {
        if (cycleIds.isEmpty()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> heads = em.createNativeQuery("""
                SELECT c.id, c.state, c.rule_set_id, r.revision, r.label
                FROM cycle c JOIN rule_set r ON r.id = c.rule_set_id WHERE c.id IN (:ids)""")
                .setParameter("ids", cycleIds).getResultList();
        Map<Long, FortressTotals.Prepared> rules = new java.util.LinkedHashMap<>();
        for (Object[] h : heads) {
            if (CycleEntity.State.valueOf((String) h[1]) != CycleEntity.State.PUBLISHED) {
                rules.put(((Number) h[0]).longValue(),
                        listRules(((Number) h[2]).longValue(), ((Number) h[3]).longValue(), (String) h[4]).prepared());
            }
        }
        if (rules.isEmpty()) {
            return 0;
        }
        return session().doReturningWork(c -> {
            int stored = 0;
            for (Map.Entry<Long, List<FortressTotals.Row>> e : FortressTotals.computeScope(c, rules, "/").entrySet()) {
                stored += FortressTotals.store(c, e.getKey(), e.getValue());
            }
            return stored;
        });
    }

    /** {@link #recompute(java.util.Collection)} of one cycle. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int recompute(long cycleId) {
        return recompute(List.of(cycleId));
    }

    /**
     * At startup, after the demo loader: computes the current index of every scorecard of an
     * unpublished cycle that has none, or one computed for another scorecard revision or place type
     * (scorecards stored before migration V3, or written by something other than this service).
     */
    void fillCurrent(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        long start = System.nanoTime();
        @SuppressWarnings("unchecked")
        List<Number> stale = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT DISTINCT s.cycle_id FROM scorecard s
                JOIN cycle c ON c.id = s.cycle_id JOIN organization o ON o.id = s.organization_id
                LEFT JOIN fortress_current f ON f.cycle_id = s.cycle_id AND f.organization_id = s.organization_id
                WHERE c.state <> 'PUBLISHED'
                  AND (f.organization_id IS NULL OR f.scorecard_revision <> s.revision OR f.place_type <> o.place_type)""")
                .getResultList());
        int rows = stale.isEmpty() ? 0
                : QuarkusTransaction.requiringNew().call(() -> recompute(stale.stream().map(Number::longValue).toList()));
        if (!stale.isEmpty()) {
            LOG.infof("Current fortress indices filled: %d cycle(s), %d scorecard(s) in %d ms", stale.size(), rows,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Computes every graded organisation of the cycle under {@code prefix}: three queries, then the engine. */
    public List<Computed> computeUnder(CycleEntity cycle, RuleSet rules, String prefix) {
        List<Graded> graded = gradedUnder(prefix);
        Map<Long, ScorecardRepository.Stored> stored = scorecards.findUnder(cycle.id, prefix);
        Map<String, RuleSet> byType = new HashMap<>();
        List<Computed> out = new ArrayList<>(graded.size());
        for (Graded g : graded) {
            RuleSet typed = byType.computeIfAbsent(g.placeType(), rules::forPlaceType);
            out.add(new Computed(g, FortressIndexEngine.compute(typed, toEngine(typed, stored.get(g.id())))));
        }
        return out;
    }

    /** Stores the result of every graded organisation of the cycle; called once, when it is published. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int publish(CycleEntity cycle) {
        Organization owner = Organization.findById(cycle.jurisdictionId);
        List<Computed> all = computeUnder(cycle, ruleSets.engineRules(RuleSetEntity.findById(cycle.ruleSetId)), owner.path);
        // one batched statement for all organisations (the bodies are the explained results, stored byte for byte)
        session().doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO fortress_result (cycle_id, organization_id, county_code, official_index, stars, complete, vetoed, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int pending = 0;
                for (Computed c : all) {
                    String body;
                    try {
                        body = json.writeValueAsString(FortressIndexView.of(cycle.id, c.organization().ref(), c.result(), true));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    ps.setLong(1, cycle.id);
                    ps.setLong(2, c.organization().id());
                    ps.setString(3, c.organization().countyCode());
                    ps.setBigDecimal(4, c.result().officialIndex());
                    ps.setInt(5, c.result().stars());
                    ps.setBoolean(6, c.result().complete());
                    ps.setBoolean(7, c.result().vetoed());
                    ps.setString(8, body);
                    ps.addBatch();
                    if (++pending == 500) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
        });
        return all.size();
    }

    FortressResult compute(RuleSet rules, Graded g, ScorecardRepository.Stored stored) {
        RuleSet typed = rules.forPlaceType(g.placeType());
        return FortressIndexEngine.compute(typed, toEngine(typed, stored));
    }

    /** The engine's scorecard: verified scores of the indicators that apply; nothing stored is an empty card. */
    static Scorecard toEngine(RuleSet typed, ScorecardRepository.Stored stored) {
        if (stored == null) {
            return new Scorecard(Map.of(), null, null, List.of(), List.of(), List.of());
        }
        Map<String, BigDecimal> verified = new HashMap<>();
        java.util.Set<String> applicable = new java.util.HashSet<>();
        typed.indicators().forEach(i -> applicable.add(i.code()));
        for (ScorecardDtos.ScoreItem item : stored.items()) {
            if (item.verifiedScore() != null && applicable.contains(item.indicatorCode())) {
                verified.put(item.indicatorCode(), new BigDecimal(item.verifiedScore()));
            }
        }
        return new Scorecard(verified, evaluation(stored.members()), evaluation(stored.masses()),
                stored.bonuses().stream().map(a -> new Scorecard.AppliedAdjustment(a.code(), new BigDecimal(a.points()), a.reason())).toList(),
                stored.deductions().stream().map(a -> new Scorecard.AppliedAdjustment(a.code(), new BigDecimal(a.points()), a.reason())).toList(),
                stored.vetoes().stream().map(v -> new Scorecard.AppliedVeto(v.code(), v.reason())).toList());
    }

    private static Scorecard.Evaluation evaluation(ScorecardDtos.Evaluation e) {
        return e == null ? null : new Scorecard.Evaluation(e.respondents(), e.satisfied());
    }

    /** The narrowest of the caller's scope, the cycle's jurisdiction and the requested subtree. */
    String prefix(Jurisdiction scope, CycleService.Head cycle, Long under) {
        return scope.within(cycle.ownerPath(), under);
    }

    @SuppressWarnings("unchecked")
    private List<Graded> gradedUnder(String prefix) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT o.id, o.code, o.name, o.division_code, o.place_type, o.county_code, p.name, o.path
                FROM organization o JOIN organization p ON p.id = o.parent_id
                WHERE o.graded AND o.path LIKE :prefix""").setParameter("prefix", prefix + "%").getResultList();
        List<Graded> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Graded(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7]));
        }
        return out;
    }

    private static final Comparator<FortressIndexSummary> BY_DIVISION = Comparator.comparing(FortressIndexSummary::divisionCode);

    /** The name orders (pinyin, as java.text.Collator has them for zh-CN), then by division code. */
    private static Comparator<FortressIndexSummary> order(String sort) {
        java.text.Collator pinyin = java.text.Collator.getInstance(java.util.Locale.CHINA);
        Comparator<FortressIndexSummary> byName = Comparator.comparing(s -> s.organization().name(), pinyin);
        return "-name".equals(sort) ? byName.reversed().thenComparing(BY_DIVISION) : byName.thenComparing(BY_DIVISION);
    }

    @SuppressWarnings("unchecked")
    private FortressIndexPage publishedPage(long cycleId, String prefix, Integer stars, Boolean complete, String sort, int page,
            int size, String label) {
        StringBuilder where = new StringBuilder(" FROM fortress_result r JOIN organization o ON o.id = r.organization_id "
                + "JOIN organization p ON p.id = o.parent_id WHERE r.cycle_id = :c AND o.path LIKE :prefix");
        Map<String, Object> params = new HashMap<>();
        params.put("c", cycleId);
        params.put("prefix", prefix + "%");
        if (stars != null) {
            where.append(" AND r.stars = :stars");
            params.put("stars", stars);
        }
        if (complete != null) {
            where.append(" AND r.complete = :complete");
            params.put("complete", complete);
        }
        var count = em.createNativeQuery("SELECT count(*)" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        String orderBy = switch (sort) {
            case "index" -> "r.official_index, o.division_code";
            case "divisionCode" -> "o.division_code";
            case "-divisionCode" -> "o.division_code DESC";
            case "name" -> "o.name COLLATE \"zh-x-icu\", o.division_code";
            case "-name" -> "o.name COLLATE \"zh-x-icu\" DESC, o.division_code";
            default -> "r.official_index DESC, o.division_code";
        };
        var select = em.createNativeQuery("SELECT o.id, o.code, o.name, o.division_code, p.name, r.official_index, r.stars, r.complete, r.vetoed"
                + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset");
        params.forEach(select::setParameter);
        select.setParameter("limit", size).setParameter("offset", (long) (page - 1) * size);
        List<FortressIndexSummary> items = new ArrayList<>();
        for (Object[] r : (List<Object[]>) select.getResultList()) {
            items.add(new FortressIndexSummary(new OrganizationRef(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    Organization.Level.VILLAGE), (String) r[3], (String) r[4], ((BigDecimal) r[5]).toPlainString(),
                    ((Number) r[6]).intValue(), (Boolean) r[7], (Boolean) r[8]));
        }
        Page<FortressIndexSummary> p = Page.of(items, page, size, total);
        return new FortressIndexPage(p.items(), p.page(), p.size(), p.totalItems(), p.totalPages(), label, true);
    }
}
