package bastion.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo organisation data give screening something realistic to find, relative to today:
 * vacancies, organisations without meetings, organisations without a venue; and in the demo
 * township P231202101000 exactly one of each, on three different villages. Read-only (SQL).
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DemoOrgDataTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    private List<Number> ids(String sql, String prefix) {
        LocalDate monthStart = TODAY.withDayOfMonth(1);
        var q = em.createNativeQuery(sql).setParameter("prefix", prefix);
        if (sql.contains(":limit")) {
            q.setParameter("limit", Date.valueOf(TODAY.minusDays(180)));
        }
        if (sql.contains(":monthStart")) {
            q.setParameter("monthStart", Date.valueOf(monthStart)).setParameter("windowFrom", Date.valueOf(monthStart.minusMonths(3)));
        }
        return q.getResultList();
    }

    private static final String LONG_VACANT = """
            SELECT o.id FROM leadership_post p JOIN organization o ON o.id = p.organization_id
            WHERE o.path LIKE :prefix AND o.graded AND p.post = 'SECRETARY' AND p.vacant_since < :limit ORDER BY o.id""";
    private static final String NO_MEETINGS = """
            SELECT o.id FROM organization o WHERE o.path LIKE :prefix AND o.graded AND NOT EXISTS (
                SELECT 1 FROM meeting m WHERE m.organization_id = o.id AND m.deleted_at IS NULL
                  AND m.kind IN ('BRANCH_ASSEMBLY', 'COMMITTEE', 'GROUP', 'PARTY_LECTURE')
                  AND m.held_on >= :windowFrom AND m.held_on < :monthStart) ORDER BY o.id""";
    private static final String NO_VENUE = """
            SELECT o.id FROM organization o WHERE o.path LIKE :prefix AND o.graded
              AND NOT EXISTS (SELECT 1 FROM venue v WHERE v.organization_id = o.id) ORDER BY o.id""";

    private String path(String code) {
        return (String) em.createNativeQuery("SELECT path FROM organization WHERE code = :c").setParameter("c", code).getSingleResult();
    }

    private static LocalDate day(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    @Test
    void theDemoTownshipHasOneOfEachOnThreeVillages() {
        String prefix = path(Tokens.TOWNSHIP_1) + "%";
        List<Number> vacant = ids(LONG_VACANT, prefix);
        List<Number> quiet = ids(NO_MEETINGS, prefix);
        List<Number> noVenue = ids(NO_VENUE, prefix);
        assertEquals(1, vacant.size(), "secretary vacant > 180 days");
        assertEquals(1, quiet.size(), "no 三会一课 in the last 3 complete months");
        assertEquals(1, noVenue.size(), "no venue");
        assertEquals(3, java.util.Set.of(vacant.get(0).longValue(), quiet.get(0).longValue(), noVenue.get(0).longValue()).size());
    }

    @Test
    void theCityHasRealisticShares() {
        String prefix = path(Tokens.CITY) + "%";
        double villages = ((Number) em.createNativeQuery("SELECT count(*) FROM organization WHERE graded").getSingleResult()).doubleValue();
        double vacantSecretaries = ((Number) em.createNativeQuery(
                "SELECT count(*) FROM leadership_post WHERE post = 'SECRETARY' AND vacant_since IS NOT NULL").getSingleResult()).doubleValue();
        assertTrue(vacantSecretaries / villages > 0.02 && vacantSecretaries / villages < 0.07, "vacant secretaries " + vacantSecretaries);
        int longVacant = ids(LONG_VACANT, prefix).size();
        assertTrue(longVacant > 20 && longVacant < vacantSecretaries, "long vacant " + longVacant);
        long aroundThreshold = ((Number) em.createNativeQuery("""
                SELECT count(*) FROM leadership_post WHERE post = 'SECRETARY' AND vacant_since BETWEEN :a AND :b""")
                .setParameter("a", Date.valueOf(TODAY.minusDays(185))).setParameter("b", Date.valueOf(TODAY.minusDays(176)))
                .getSingleResult()).longValue();
        assertTrue(aroundThreshold >= 3, "vacancies of 176–185 days: " + aroundThreshold);
        int quiet = ids(NO_MEETINGS, prefix).size();
        assertTrue(quiet > 0.015 * villages && quiet < 0.05 * villages, "no meetings " + quiet);
        int noVenue = ids(NO_VENUE, prefix).size();
        assertTrue(noVenue > 0.015 * villages && noVenue < 0.05 * villages, "no venue " + noVenue);
        Object[] span = (Object[]) em.createNativeQuery("SELECT min(held_on), max(held_on), count(DISTINCT kind) FROM meeting WHERE recorded_by = 'demo'")
                .getSingleResult();
        LocalDate first = day(span[0]);
        LocalDate last = day(span[1]);
        assertTrue(!first.isBefore(TODAY.minusMonths(12)) && first.isBefore(TODAY.minusMonths(11)), "first meeting " + first);
        assertTrue(!last.isAfter(TODAY), "last meeting " + last);
        assertEquals(5, ((Number) span[2]).intValue());
    }
}
