package bastion.scoring;

import bastion.common.Page;
import bastion.common.ProblemException;
import bastion.cycle.CycleEntity;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the engine over stored scorecards: one organisation's index with its explanation, the
 * indices of a subtree, and the results stored once when a cycle is published. Nothing else
 * computes an index.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FortressService {

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

    /** One organisation's index: the stored result once published, else computed from its scorecard. */
    public Object index(Jurisdiction scope, CycleEntity cycle, long organizationId) {
        Graded g = requireGraded(scope, cycle, organizationId);
        if (cycle.state == CycleEntity.State.PUBLISHED) {
            return em.createNativeQuery("SELECT body FROM fortress_result WHERE cycle_id = :c AND organization_id = :o")
                    .setParameter("c", cycle.id).setParameter("o", g.id()).getSingleResult();
        }
        RuleSet rules = ruleSets.engineRules(RuleSetEntity.findById(cycle.ruleSetId));
        FortressResult r = compute(rules, g, scorecards.find(cycle.id, g.id()));
        return FortressIndexView.of(cycle.id, g.ref(), r, false);
    }

    public FortressIndexPage list(Jurisdiction scope, CycleEntity cycle, Long under, Integer stars, Boolean complete, String sort,
            int page, int size) {
        String prefix = prefix(scope, cycle, under);
        RuleSetEntity rulesEntity = RuleSetEntity.findById(cycle.ruleSetId);
        if (cycle.state == CycleEntity.State.PUBLISHED) {
            return publishedPage(cycle, prefix, stars, complete, sort, page, size, rulesEntity.label);
        }
        List<Listed> kept = listedUnder(cycle, ruleSets.engineRules(rulesEntity), prefix).stream()
                .filter(c -> stars == null || c.index().stars() == stars)
                .filter(c -> complete == null || c.index().complete() == complete)
                .sorted(order(sort))
                .toList();
        int from = Math.min((page - 1) * size, kept.size());
        List<FortressIndexSummary> items = kept.subList(from, Math.min(from + size, kept.size())).stream()
                .map(c -> new FortressIndexSummary(c.organization().ref(), c.organization().divisionCode(), c.organization().parentName(),
                        c.index().officialIndex().toPlainString(), c.index().stars(), c.index().complete(), c.index().vetoed()))
                .toList();
        Page<FortressIndexSummary> p = Page.of(items, page, size, kept.size());
        return new FortressIndexPage(p.items(), p.page(), p.size(), p.totalItems(), p.totalPages(), rulesEntity.label, false);
    }

    /** A graded organisation with its index (no explanation), as lists need it. */
    public record Listed(Graded organization, FortressIndexEngine.Index index) {}

    /**
     * The index of every graded organisation of the cycle under {@code prefix}, from totals that
     * SQL adds up per organisation (two queries, however many score rows), by the engine's own
     * terms: the same numbers as the explained index, without building an explanation per row.
     */
    @SuppressWarnings("unchecked")
    public List<Listed> listedUnder(CycleEntity cycle, RuleSet rules, String prefix) {
        RuleSet village = rules.forPlaceType("VILLAGE");
        RuleSet community = rules.forPlaceType("COMMUNITY");
        List<Object[]> rows = em.createNativeQuery("""
                SELECT o.id, o.code, o.name, o.division_code, o.place_type, o.county_code, p.name, o.path,
                       s.members_respondents, s.members_satisfied, s.masses_respondents, s.masses_satisfied,
                       sum(i.verified_score), count(i.verified_score), s.id
                FROM organization o
                JOIN organization p ON p.id = o.parent_id
                LEFT JOIN scorecard s ON s.organization_id = o.id AND s.cycle_id = :cycle
                LEFT JOIN scorecard_item i ON i.scorecard_id = s.id AND i.indicator_code = ANY (
                    CASE WHEN o.place_type = 'VILLAGE' THEN CAST(:village AS text[]) ELSE CAST(:community AS text[]) END)
                WHERE o.graded AND o.path LIKE :prefix
                GROUP BY o.id, p.id, s.id""")
                .setParameter("cycle", cycle.id)
                .setParameter("village", codes(village))
                .setParameter("community", codes(community))
                .setParameter("prefix", prefix + "%")
                .getResultList();
        Map<Long, Map<String, BigDecimal>> bonuses = new HashMap<>();
        Map<Long, Map<String, BigDecimal>> deductions = new HashMap<>();
        java.util.Set<Long> vetoed = new java.util.HashSet<>();
        List<Object[]> adjustments = em.createNativeQuery("""
                SELECT a.scorecard_id, a.kind, a.code, sum(a.points)
                FROM scorecard_adjustment a JOIN scorecard s ON s.id = a.scorecard_id JOIN organization o ON o.id = s.organization_id
                WHERE s.cycle_id = :cycle AND o.path LIKE :prefix
                GROUP BY a.scorecard_id, a.kind, a.code""")
                .setParameter("cycle", cycle.id).setParameter("prefix", prefix + "%").getResultList();
        for (Object[] a : adjustments) {
            long scorecard = ((Number) a[0]).longValue();
            switch ((String) a[1]) {
                case "BONUS" -> bonuses.computeIfAbsent(scorecard, k -> new HashMap<>()).put((String) a[2], (BigDecimal) a[3]);
                case "DEDUCTION" -> deductions.computeIfAbsent(scorecard, k -> new HashMap<>()).put((String) a[2], (BigDecimal) a[3]);
                default -> vetoed.add(scorecard);
            }
        }
        List<Listed> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Graded g = new Graded(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7]);
            Long scorecard = r[14] == null ? null : ((Number) r[14]).longValue();
            FortressIndexEngine.Totals totals = new FortressIndexEngine.Totals(
                    r[12] == null ? BigDecimal.ZERO : (BigDecimal) r[12], ((Number) r[13]).intValue(),
                    r[8] == null ? null : new Scorecard.Evaluation(((Number) r[8]).longValue(), ((Number) r[9]).longValue()),
                    r[10] == null ? null : new Scorecard.Evaluation(((Number) r[10]).longValue(), ((Number) r[11]).longValue()),
                    bonuses.getOrDefault(scorecard, Map.of()), deductions.getOrDefault(scorecard, Map.of()), vetoed.contains(scorecard));
            out.add(new Listed(g, FortressIndexEngine.index("VILLAGE".equals(g.placeType()) ? village : community, totals)));
        }
        return out;
    }

    private static String codes(RuleSet typed) {
        return typed.indicators().stream().map(RuleSet.Indicator::code).collect(java.util.stream.Collectors.joining(",", "{", "}"));
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
        for (Computed c : all) {
            String body;
            try {
                body = json.writeValueAsString(FortressIndexView.of(cycle.id, c.organization().ref(), c.result(), true));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            em.createNativeQuery("""
                    INSERT INTO fortress_result (cycle_id, organization_id, county_code, official_index, stars, complete, vetoed, body)
                    VALUES (:c, :o, :county, :idx, :stars, :complete, :vetoed, :body)""")
                    .setParameter("c", cycle.id).setParameter("o", c.organization().id())
                    .setParameter("county", c.organization().countyCode()).setParameter("idx", c.result().officialIndex())
                    .setParameter("stars", c.result().stars()).setParameter("complete", c.result().complete())
                    .setParameter("vetoed", c.result().vetoed()).setParameter("body", body)
                    .executeUpdate();
        }
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
    String prefix(Jurisdiction scope, CycleEntity cycle, Long under) {
        String cyclePath = ((Organization) Organization.findById(cycle.jurisdictionId)).path;
        String prefix = cyclePath.length() >= scope.pathPrefix().length() ? cyclePath : scope.pathPrefix();
        if (under != null) {
            Organization u = Organization.findById(under);
            if (u == null || !scope.covers(u) || !(u.path.startsWith(cyclePath) || cyclePath.startsWith(u.path))) {
                throw ProblemException.notFound("组织 " + under + " 不在您的管辖范围内 / Organisation " + under + " is not in your jurisdiction");
            }
            prefix = u.path.length() >= prefix.length() ? u.path : prefix;
        }
        return prefix;
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

    private static Comparator<Listed> order(String sort) {
        Comparator<Listed> byDivision = Comparator.comparing(c -> c.organization().divisionCode());
        Comparator<Listed> byIndex = Comparator.comparing(c -> c.index().officialIndex());
        java.text.Collator pinyin = java.text.Collator.getInstance(java.util.Locale.CHINA);
        Comparator<Listed> byName = Comparator.comparing(c -> c.organization().name(), pinyin);
        return switch (sort) {
            case "index" -> byIndex.thenComparing(byDivision);
            case "divisionCode" -> byDivision;
            case "-divisionCode" -> byDivision.reversed();
            case "name" -> byName.thenComparing(byDivision);
            case "-name" -> byName.reversed().thenComparing(byDivision);
            default -> byIndex.reversed().thenComparing(byDivision);
        };
    }

    @SuppressWarnings("unchecked")
    private FortressIndexPage publishedPage(CycleEntity cycle, String prefix, Integer stars, Boolean complete, String sort, int page,
            int size, String label) {
        StringBuilder where = new StringBuilder(" FROM fortress_result r JOIN organization o ON o.id = r.organization_id "
                + "JOIN organization p ON p.id = o.parent_id WHERE r.cycle_id = :c AND o.path LIKE :prefix");
        Map<String, Object> params = new HashMap<>();
        params.put("c", cycle.id);
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
