package bastion.lagging;

import bastion.common.Page;
import bastion.common.ProblemException;
import bastion.cycle.CycleEntity;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.security.Jurisdiction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classification rule of DOMAIN §3: an organisation is lagging (后进) in a cycle when it has at
 * least one finding in CONFIRMED or RECTIFYING of a criterion that classifies directly — live while
 * the cycle is OPEN, frozen in {@code cycle_lagging} at the moment it is locked.
 */
@ApplicationScoped
@Transactional
public class ClassificationService {

    public enum Basis { LIVE, LOCKED }

    public record Criterion(String code, String title, long findingId) {}

    public record LaggingOrganization(OrganizationRef organization, OrganizationRef township, String divisionCode, List<Criterion> criteria) {}

    public record LaggingPage(long cycleId, Basis basis, OffsetDateTime frozenAt, List<LaggingOrganization> items, int page, int size,
            long totalItems, int totalPages) {}

    public record LaggingCount(OrganizationRef organization, int graded, int lagging, String laggingShare, int suspected, int confirmed,
            int rectifying) {}

    public record LaggingSummary(long cycleId, Basis basis, OffsetDateTime frozenAt, LaggingCount total, List<LaggingCount> counties,
            List<LaggingCount> townships) {}

    private static final String LIVE = """
            SELECT f.organization_id AS org, f.criterion_code AS code, f.criterion_title AS title, f.id AS finding
            FROM finding f
            WHERE f.state IN ('CONFIRMED', 'RECTIFYING') AND f.classifies_directly""";

    private static final String FROZEN = """
            SELECT l.organization_id AS org, f.criterion_code AS code, f.criterion_title AS title, f.id AS finding
            FROM cycle_lagging l CROSS JOIN LATERAL unnest(l.finding_ids) AS u(id) JOIN finding f ON f.id = u.id
            WHERE l.cycle_id = :cycle""";

    @Inject
    EntityManager em;

    /** Freezes the classification of a cycle; called in the transaction that locks it. Returns the number of lagging organisations. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int freeze(CycleEntity cycle) {
        String prefix = ((Organization) Organization.findById(cycle.jurisdictionId)).path;
        return em.createNativeQuery("""
                INSERT INTO cycle_lagging (cycle_id, organization_id, county_code, criteria, finding_ids)
                SELECT :cycle, f.organization_id, o.county_code, array_agg(f.criterion_code ORDER BY f.criterion_code),
                       array_agg(f.id ORDER BY f.criterion_code)
                FROM finding f JOIN organization o ON o.id = f.organization_id
                WHERE f.state IN ('CONFIRMED', 'RECTIFYING') AND f.classifies_directly AND o.graded AND o.path LIKE :prefix
                GROUP BY f.organization_id, o.county_code""")
                .setParameter("cycle", cycle.id).setParameter("prefix", prefix + "%").executeUpdate();
    }

    /**
     * The lagging organisations of the cycle under a path prefix with their criteria, on the
     * basis of {@link #list} (live while OPEN, frozen from LOCKED): what grading overrides to POOR.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, List<Criterion>> laggingUnder(CycleEntity cycle, String prefix) {
        Basis basis = basis(cycle);
        var q = em.createNativeQuery("WITH lag AS (" + (basis == Basis.LIVE ? LIVE : FROZEN) + ") "
                + "SELECT lag.org, lag.code, lag.title, lag.finding FROM lag JOIN organization o ON o.id = lag.org "
                + "WHERE o.graded AND o.path LIKE :prefix ORDER BY lag.org, lag.code, lag.finding").setParameter("prefix", prefix + "%");
        if (basis == Basis.LOCKED) {
            q.setParameter("cycle", cycle.id);
        }
        Map<Long, List<Criterion>> out = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        for (Object[] r : rows) {
            List<Criterion> criteria = out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>());
            String code = (String) r[1];
            if (criteria.stream().noneMatch(c -> c.code().equals(code))) {
                criteria.add(new Criterion(code, (String) r[2], ((Number) r[3]).longValue()));
            }
        }
        return out;
    }

    private static Basis basis(CycleEntity cycle) {
        return cycle.state == CycleEntity.State.OPEN ? Basis.LIVE : Basis.LOCKED;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LaggingPage list(Jurisdiction scope, CycleEntity cycle, Long under, int page, int size) {
        String prefix = prefix(scope, cycle, under);
        Basis basis = basis(cycle);
        String source = basis == Basis.LIVE ? LIVE : FROZEN;
        var pageQuery = em.createNativeQuery("WITH lag AS (" + source + ") "
                + "SELECT o.id, count(*) OVER () FROM organization o WHERE o.graded AND o.path LIKE :prefix "
                + "AND EXISTS (SELECT 1 FROM lag WHERE lag.org = o.id) ORDER BY o.division_code, o.id LIMIT :limit OFFSET :offset")
                .setParameter("prefix", prefix + "%").setParameter("limit", size).setParameter("offset", (long) (page - 1) * size);
        if (basis == Basis.LOCKED) {
            pageQuery.setParameter("cycle", cycle.id);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> ids = pageQuery.getResultList();
        long total = ids.isEmpty() ? count(source, basis, cycle, prefix) : ((Number) ids.get(0)[1]).longValue();
        List<LaggingOrganization> items = new ArrayList<>();
        if (!ids.isEmpty()) {
            List<Long> orgIds = ids.stream().map(r -> ((Number) r[0]).longValue()).toList();
            var detail = em.createNativeQuery("WITH lag AS (" + source + ") "
                    + "SELECT o.id, o.code, o.name, o.level, t.id, t.code, t.name, t.level, o.division_code, lag.code, lag.title, lag.finding "
                    + "FROM lag JOIN organization o ON o.id = lag.org LEFT JOIN organization t ON t.id = o.parent_id "
                    + "WHERE lag.org IN (:ids) ORDER BY o.division_code, o.id, lag.code")
                    .setParameter("ids", orgIds);
            if (basis == Basis.LOCKED) {
                detail.setParameter("cycle", cycle.id);
            }
            Map<Long, LaggingOrganization> byOrg = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = detail.getResultList();
            for (Object[] r : rows) {
                long orgId = ((Number) r[0]).longValue();
                LaggingOrganization lo = byOrg.computeIfAbsent(orgId, k -> new LaggingOrganization(ref(r, 0), ref(r, 4), (String) r[8],
                        new ArrayList<>()));
                lo.criteria().add(new Criterion((String) r[9], (String) r[10], ((Number) r[11]).longValue()));
            }
            items.addAll(byOrg.values());
        }
        Page<LaggingOrganization> p = Page.of(items, page, size, total);
        return new LaggingPage(cycle.id, basis, basis == Basis.LOCKED ? cycle.lockedAt : null, p.items(), p.page(), p.size(),
                p.totalItems(), p.totalPages());
    }

    private long count(String source, Basis basis, CycleEntity cycle, String prefix) {
        var q = em.createNativeQuery("WITH lag AS (" + source + ") SELECT count(*) FROM organization o WHERE o.graded "
                + "AND o.path LIKE :prefix AND EXISTS (SELECT 1 FROM lag WHERE lag.org = o.id)").setParameter("prefix", prefix + "%");
        if (basis == Basis.LOCKED) {
            q.setParameter("cycle", cycle.id);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LaggingSummary summary(Jurisdiction scope, CycleEntity cycle, Long under) {
        String prefix = prefix(scope, cycle, under);
        Basis basis = basis(cycle);
        String lagging = basis == Basis.LIVE
                ? "SELECT DISTINCT organization_id AS org FROM finding WHERE state IN ('CONFIRMED', 'RECTIFYING') AND classifies_directly"
                : "SELECT organization_id AS org FROM cycle_lagging WHERE cycle_id = :cycle";
        var q = em.createNativeQuery("WITH lag AS (" + lagging + "), fc AS ("
                + " SELECT organization_id AS org, count(*) FILTER (WHERE state = 'SUSPECTED') AS s,"
                + " count(*) FILTER (WHERE state = 'CONFIRMED') AS c, count(*) FILTER (WHERE state = 'RECTIFYING') AS r"
                + " FROM finding WHERE state IN ('SUSPECTED', 'CONFIRMED', 'RECTIFYING') GROUP BY organization_id) "
                + "SELECT t.id, t.code, t.name, t.level, c.id, c.code, c.name, c.level, count(*), count(lag.org),"
                + " coalesce(sum(fc.s), 0), coalesce(sum(fc.c), 0), coalesce(sum(fc.r), 0) "
                + "FROM organization o JOIN organization t ON t.id = o.parent_id JOIN organization c ON c.id = t.parent_id"
                + " LEFT JOIN lag ON lag.org = o.id LEFT JOIN fc ON fc.org = o.id "
                + "WHERE o.graded AND o.path LIKE :prefix "
                + "GROUP BY t.id, t.code, t.name, t.level, c.id, c.code, c.name, c.level ORDER BY c.code, t.code")
                .setParameter("prefix", prefix + "%");
        if (basis == Basis.LOCKED) {
            q.setParameter("cycle", cycle.id);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<LaggingCount> townships = new ArrayList<>();
        Map<Long, int[]> counties = new LinkedHashMap<>();
        Map<Long, OrganizationRef> countyRefs = new LinkedHashMap<>();
        int[] total = new int[5];
        for (Object[] r : rows) {
            int[] n = {((Number) r[8]).intValue(), ((Number) r[9]).intValue(), ((Number) r[10]).intValue(), ((Number) r[11]).intValue(),
                    ((Number) r[12]).intValue()};
            townships.add(count(ref(r, 0), n));
            OrganizationRef county = ref(r, 4);
            countyRefs.putIfAbsent(county.id(), county);
            int[] agg = counties.computeIfAbsent(county.id(), k -> new int[5]);
            for (int i = 0; i < 5; i++) {
                agg[i] += n[i];
                total[i] += n[i];
            }
        }
        List<LaggingCount> countyCounts = new ArrayList<>();
        counties.forEach((id, n) -> countyCounts.add(count(countyRefs.get(id), n)));
        Organization scopeRoot = under == null ? null : Organization.findById(under);
        return new LaggingSummary(cycle.id, basis, basis == Basis.LOCKED ? cycle.lockedAt : null,
                count(scopeRoot == null ? null : OrganizationRef.of(scopeRoot), total), countyCounts, townships);
    }

    private static LaggingCount count(OrganizationRef org, int[] n) {
        String share = n[0] == 0 ? "0" : BigDecimal.valueOf(n[1]).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(n[0]), 1, RoundingMode.HALF_UP).toPlainString();
        return new LaggingCount(org, n[0], n[1], share, n[2], n[3], n[4]);
    }

    private static OrganizationRef ref(Object[] r, int at) {
        return r[at] == null ? null : new OrganizationRef(((Number) r[at]).longValue(), (String) r[at + 1], (String) r[at + 2],
                Organization.Level.valueOf((String) r[at + 3]));
    }

    /** The narrowest of the caller's scope, the cycle's jurisdiction and the requested subtree. */
    static String prefix(Jurisdiction scope, CycleEntity cycle, Long under) {
        return scope.within(((Organization) Organization.findById(cycle.jurisdictionId)).path, under);
    }
}
