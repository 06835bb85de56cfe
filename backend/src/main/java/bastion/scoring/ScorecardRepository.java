package bastion.scoring;

import bastion.common.SqlValues;
import bastion.scoring.ScorecardDtos.AppliedAdjustment;
import bastion.scoring.ScorecardDtos.AppliedVeto;
import bastion.scoring.ScorecardDtos.Evaluation;
import bastion.scoring.ScorecardDtos.ScoreItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Scorecards in their tables (scorecard, scorecard_item, scorecard_adjustment). Reads of a whole
 * cycle are set-based: three queries, however many organisations.
 */
@ApplicationScoped
public class ScorecardRepository {

    /** A stored scorecard; decimals as plain strings without trailing zeros. */
    public record Stored(long id, long organizationId, long revision, Evaluation members, Evaluation masses, List<ScoreItem> items,
            List<AppliedAdjustment> bonuses, List<AppliedAdjustment> deductions, List<AppliedVeto> vetoes, OffsetDateTime updatedAt) {}

    @Inject
    EntityManager em;

    public Stored find(long cycleId, long organizationId) {
        return em.unwrap(Session.class).doReturningWork(c -> find(c, cycleId, organizationId));
    }

    /** One scorecard: its head, items and adjustments in one statement (the parts told apart by the first column). */
    static final String ONE = """
            SELECT 0 AS part, s.id, s.revision, s.members_respondents, s.members_satisfied, s.masses_respondents, s.masses_satisfied,
                   s.updated_at, NULL AS kind, NULL AS code, NULL AS a, NULL AS b, NULL AS text, 0 AS position
            FROM scorecard s WHERE s.cycle_id = ? AND s.organization_id = ?
            UNION ALL
            SELECT 1, i.scorecard_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, i.indicator_code, i.self_score, i.verified_score, i.note, 0
            FROM scorecard_item i JOIN scorecard s ON s.id = i.scorecard_id WHERE s.cycle_id = ? AND s.organization_id = ?
            UNION ALL
            SELECT 2, a.scorecard_id, NULL, NULL, NULL, NULL, NULL, NULL, a.kind, a.code, a.points, NULL, a.reason, a.position
            FROM scorecard_adjustment a JOIN scorecard s ON s.id = a.scorecard_id WHERE s.cycle_id = ? AND s.organization_id = ?
            ORDER BY 1, 9, 14, 10""";

    /** {@link #find} on a given connection (plain JDBC: one statement, no ORM work). */
    static Stored find(Connection c, long cycleId, long organizationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ONE)) {
            for (int i = 0; i < 3; i++) {
                ps.setLong(2 * i + 1, cycleId);
                ps.setLong(2 * i + 2, organizationId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long id = rs.getLong(2);
                long revision = rs.getLong(3);
                Evaluation members = evaluation(rs.getObject(4), rs.getObject(5));
                Evaluation masses = evaluation(rs.getObject(6), rs.getObject(7));
                OffsetDateTime updatedAt = rs.getObject(8, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
                List<ScoreItem> items = new ArrayList<>();
                List<AppliedAdjustment> bonuses = new ArrayList<>();
                List<AppliedAdjustment> deductions = new ArrayList<>();
                List<AppliedVeto> vetoes = new ArrayList<>();
                while (rs.next()) {
                    if (rs.getInt(1) == 1) {
                        items.add(new ScoreItem(rs.getString(10), plain(rs.getBigDecimal(11)), plain(rs.getBigDecimal(12)), rs.getString(13)));
                        continue;
                    }
                    switch (rs.getString(9)) {
                        case "BONUS" -> bonuses.add(new AppliedAdjustment(rs.getString(10), plain(rs.getBigDecimal(11)), rs.getString(13)));
                        case "DEDUCTION" -> deductions.add(new AppliedAdjustment(rs.getString(10), plain(rs.getBigDecimal(11)), rs.getString(13)));
                        default -> vetoes.add(new AppliedVeto(rs.getString(10), rs.getString(13)));
                    }
                }
                return new Stored(id, organizationId, revision, members, masses, items, bonuses, deductions, vetoes, updatedAt);
            }
        }
    }

    /** Every scorecard of the cycle whose organisation's path starts with {@code pathPrefix}, by organisation id. */
    public Map<Long, Stored> findUnder(long cycleId, String pathPrefix) {
        return load(cycleId, "s.organization_id IN (SELECT o.id FROM organization o WHERE o.path LIKE :prefix)",
                Map.of("prefix", pathPrefix + "%"));
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Stored> load(long cycleId, String condition, Map<String, Object> params) {
        var heads = em.createNativeQuery("SELECT s.id, s.organization_id, s.revision, s.members_respondents, s.members_satisfied, "
                + "s.masses_respondents, s.masses_satisfied, s.updated_at FROM scorecard s WHERE s.cycle_id = :cycle AND " + condition);
        heads.setParameter("cycle", cycleId);
        params.forEach(heads::setParameter);
        List<Object[]> headRows = heads.getResultList();
        if (headRows.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<ScoreItem>> items = new HashMap<>();
        var itemQuery = em.createNativeQuery("SELECT i.scorecard_id, i.indicator_code, i.self_score, i.verified_score, i.note "
                + "FROM scorecard_item i JOIN scorecard s ON s.id = i.scorecard_id WHERE s.cycle_id = :cycle AND " + condition
                + " ORDER BY i.scorecard_id, i.indicator_code");
        itemQuery.setParameter("cycle", cycleId);
        params.forEach(itemQuery::setParameter);
        for (Object[] r : (List<Object[]>) itemQuery.getResultList()) {
            items.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new ScoreItem((String) r[1], plain(r[2]), plain(r[3]), (String) r[4]));
        }
        Map<Long, List<Object[]>> adjustments = new HashMap<>();
        var adjustmentQuery = em.createNativeQuery("SELECT a.scorecard_id, a.kind, a.code, a.points, a.reason "
                + "FROM scorecard_adjustment a JOIN scorecard s ON s.id = a.scorecard_id WHERE s.cycle_id = :cycle AND " + condition
                + " ORDER BY a.scorecard_id, a.kind, a.position");
        adjustmentQuery.setParameter("cycle", cycleId);
        params.forEach(adjustmentQuery::setParameter);
        for (Object[] r : (List<Object[]>) adjustmentQuery.getResultList()) {
            adjustments.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(r);
        }
        Map<Long, Stored> result = new HashMap<>(headRows.size() * 2);
        for (Object[] h : headRows) {
            long id = ((Number) h[0]).longValue();
            List<AppliedAdjustment> bonuses = new ArrayList<>();
            List<AppliedAdjustment> deductions = new ArrayList<>();
            List<AppliedVeto> vetoes = new ArrayList<>();
            for (Object[] a : adjustments.getOrDefault(id, List.of())) {
                switch ((String) a[1]) {
                    case "BONUS" -> bonuses.add(new AppliedAdjustment((String) a[2], plain(a[3]), (String) a[4]));
                    case "DEDUCTION" -> deductions.add(new AppliedAdjustment((String) a[2], plain(a[3]), (String) a[4]));
                    default -> vetoes.add(new AppliedVeto((String) a[2], (String) a[4]));
                }
            }
            long organizationId = ((Number) h[1]).longValue();
            result.put(organizationId, new Stored(id, organizationId, ((Number) h[2]).longValue(), evaluation(h[3], h[4]),
                    evaluation(h[5], h[6]), items.getOrDefault(id, List.of()), bonuses, deductions, vetoes, SqlValues.timestamp(h[7])));
        }
        return result;
    }

    /**
     * Writes a scorecard if its stored revision is still {@code expectedRevision} (0: none stored yet).
     * Returns the new revision, or -1 when someone else wrote first.
     */
    public long save(long cycleId, long organizationId, String countyCode, long expectedRevision, ScorecardDtos.ScorecardInput input,
            String actor) {
        long id;
        long revision = expectedRevision + 1;
        if (expectedRevision == 0) {
            Number next = (Number) em.createNativeQuery("""
                    INSERT INTO scorecard (id, cycle_id, organization_id, county_code, members_respondents, members_satisfied,
                        masses_respondents, masses_satisfied, revision, updated_by, updated_at)
                    VALUES (nextval('scorecard_seq'), :cycle, :org, :county, CAST(:mr AS integer), CAST(:ms AS integer),
                        CAST(:pr AS integer), CAST(:ps AS integer), 1, :actor, now())
                    ON CONFLICT (cycle_id, organization_id) DO NOTHING
                    RETURNING id""")
                    .setParameter("cycle", cycleId).setParameter("org", organizationId).setParameter("county", countyCode)
                    .setParameter("mr", respondents(input.members())).setParameter("ms", satisfied(input.members()))
                    .setParameter("pr", respondents(input.masses())).setParameter("ps", satisfied(input.masses()))
                    .setParameter("actor", actor)
                    .getResultStream().findFirst().orElse(null);
            if (next == null) {
                return -1;
            }
            id = next.longValue();
        } else {
            Number updated = (Number) em.createNativeQuery("""
                    UPDATE scorecard SET members_respondents = CAST(:mr AS integer), members_satisfied = CAST(:ms AS integer),
                        masses_respondents = CAST(:pr AS integer), masses_satisfied = CAST(:ps AS integer),
                        revision = revision + 1, updated_by = :actor, updated_at = now()
                    WHERE cycle_id = :cycle AND organization_id = :org AND revision = :expected
                    RETURNING id""")
                    .setParameter("cycle", cycleId).setParameter("org", organizationId).setParameter("expected", expectedRevision)
                    .setParameter("mr", respondents(input.members())).setParameter("ms", satisfied(input.members()))
                    .setParameter("pr", respondents(input.masses())).setParameter("ps", satisfied(input.masses()))
                    .setParameter("actor", actor)
                    .getResultStream().findFirst().orElse(null);
            if (updated == null) {
                return -1;
            }
            id = updated.longValue();
            em.createNativeQuery("DELETE FROM scorecard_item WHERE scorecard_id = :id").setParameter("id", id).executeUpdate();
            em.createNativeQuery("DELETE FROM scorecard_adjustment WHERE scorecard_id = :id").setParameter("id", id).executeUpdate();
        }
        for (ScoreItem item : input.items()) {
            em.createNativeQuery("""
                    INSERT INTO scorecard_item (scorecard_id, indicator_code, county_code, self_score, verified_score, note)
                    VALUES (:id, :code, :county, CAST(:self AS numeric), CAST(:verified AS numeric), CAST(:note AS varchar))""")
                    .setParameter("id", id).setParameter("code", item.indicatorCode()).setParameter("county", countyCode)
                    .setParameter("self", item.selfScore()).setParameter("verified", item.verifiedScore())
                    .setParameter("note", item.note())
                    .executeUpdate();
        }
        insertAdjustments(id, countyCode, "BONUS", input.bonuses());
        insertAdjustments(id, countyCode, "DEDUCTION", input.deductions());
        int position = 0;
        for (AppliedVeto veto : input.vetoes()) {
            em.createNativeQuery("""
                    INSERT INTO scorecard_adjustment (scorecard_id, kind, position, county_code, code, points, reason)
                    VALUES (:id, 'VETO', :pos, :county, :code, NULL, :reason)""")
                    .setParameter("id", id).setParameter("pos", position++).setParameter("county", countyCode)
                    .setParameter("code", veto.code()).setParameter("reason", veto.reason())
                    .executeUpdate();
        }
        return revision;
    }

    private void insertAdjustments(long id, String countyCode, String kind, List<AppliedAdjustment> adjustments) {
        int position = 0;
        for (AppliedAdjustment a : adjustments) {
            em.createNativeQuery("""
                    INSERT INTO scorecard_adjustment (scorecard_id, kind, position, county_code, code, points, reason)
                    VALUES (:id, :kind, :pos, :county, :code, CAST(:points AS numeric), :reason)""")
                    .setParameter("id", id).setParameter("kind", kind).setParameter("pos", position++)
                    .setParameter("county", countyCode).setParameter("code", a.code()).setParameter("points", a.points())
                    .setParameter("reason", a.reason())
                    .executeUpdate();
        }
    }

    private static Integer respondents(Evaluation e) {
        return e == null ? null : e.respondents();
    }

    private static Integer satisfied(Evaluation e) {
        return e == null ? null : e.satisfied();
    }

    private static Evaluation evaluation(Object respondents, Object satisfied) {
        return respondents == null ? null : new Evaluation(((Number) respondents).intValue(), ((Number) satisfied).intValue());
    }

    static String plain(Object decimal) {
        if (decimal == null) {
            return null;
        }
        BigDecimal d = (BigDecimal) decimal;
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

}
