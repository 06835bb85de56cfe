package bastion.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.support.Grading;
import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The current indices kept in fortress_current when scorecards are written (V3): the list of an
 * OPEN or LOCKED cycle, read from them, equals the engine on each stored scorecard (the explained
 * single index) after entries, edits and a correction while LOCKED, organisations without a
 * scorecard included; recomputing from the scorecards gives the same rows, also for the demo data.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FortressCurrentTest {

    @Inject
    EntityManager em;

    @Inject
    FortressService fortress;

    /** A card for the place type: every applicable indicator at {@code fraction} of its maximum, but the first {@code skip}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> card(String placeType, String fraction, int skip) {
        List<Map<String, Object>> items = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> dimension : (List<Map<String, Object>>) Grading.template().get("dimensions")) {
            for (Map<String, Object> indicator : (List<Map<String, Object>>) dimension.get("indicators")) {
                List<String> appliesTo = (List<String>) indicator.get("appliesTo");
                if ((appliesTo == null || appliesTo.contains(placeType)) && n++ >= skip) {
                    BigDecimal max = new BigDecimal((String) indicator.get("max"));
                    items.add(Map.of("indicatorCode", indicator.get("code"),
                            "verifiedScore", max.multiply(new BigDecimal(fraction)).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString()));
                }
            }
        }
        Map<String, Object> card = new HashMap<>();
        card.put("items", items);
        card.put("members", Map.of("respondents", 37, "satisfied", 29));
        card.put("masses", Map.of("respondents", 61, "satisfied", 47));
        card.put("bonuses", List.of());
        card.put("deductions", List.of());
        card.put("vetoes", List.of());
        return card;
    }

    private static void put(String token, long cycle, long org, int revision, Map<String, Object> body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"" + revision + "\"").body(body)
                .when().put("/api/v1/cycles/" + cycle + "/scorecards/" + org).then().statusCode(200).body("revision", equalTo(revision + 1));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> graded(long township) {
        return em.createNativeQuery("SELECT id, place_type FROM organization WHERE graded AND parent_id = :t ORDER BY id")
                .setParameter("t", township).getResultList();
    }

    /** The list under the township, row by row, equals the explained index of each organisation; returns the rows. */
    private List<Map<String, Object>> listEqualsEngine(long cycle, long township, int graded) {
        JsonPath page = given().auth().oauth2(Tokens.countyAdmin()).queryParam("under", township).queryParam("size", 200)
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices").then().statusCode(200).extract().jsonPath();
        assertEquals(graded, page.getInt("totalItems"), "every graded organisation, with or without a scorecard");
        List<Map<String, Object>> rows = page.getList("items");
        for (Map<String, Object> row : rows) {
            Number org = (Number) ((Map<?, ?>) row.get("organization")).get("id");
            JsonPath one = given().auth().oauth2(Tokens.countyAdmin())
                    .when().get("/api/v1/cycles/" + cycle + "/fortress-indices/" + org).then().statusCode(200).extract().jsonPath();
            assertEquals(one.getString("officialIndex"), row.get("officialIndex"), "organisation " + org);
            assertEquals(one.getInt("stars"), row.get("stars"), "organisation " + org);
            assertEquals(one.getBoolean("complete"), row.get("complete"), "organisation " + org);
            assertEquals(one.getBoolean("vetoed"), row.get("vetoed"), "organisation " + org);
        }
        List<BigDecimal> indices = rows.stream().map(r -> new BigDecimal((String) r.get("officialIndex"))).toList();
        List<BigDecimal> sorted = new ArrayList<>(indices);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, indices, "highest first");
        // filters and pages agree with the full list
        for (int stars = 1; stars <= 5; stars++) {
            final int s = stars;
            List<Object> expected = rows.stream().filter(r -> ((Number) r.get("stars")).intValue() == s).map(r -> r.get("organization")).toList();
            List<Object> filtered = given().auth().oauth2(Tokens.countyAdmin()).queryParam("under", township).queryParam("size", 200)
                    .queryParam("stars", stars).when().get("/api/v1/cycles/" + cycle + "/fortress-indices").then().statusCode(200)
                    .extract().jsonPath().getList("items.organization");
            assertEquals(expected, filtered, "stars=" + stars);
        }
        List<Object> incomplete = rows.stream().filter(r -> !(Boolean) r.get("complete")).map(r -> r.get("organization")).toList();
        assertEquals(incomplete, given().auth().oauth2(Tokens.countyAdmin()).queryParam("under", township).queryParam("size", 200)
                .queryParam("complete", "false").when().get("/api/v1/cycles/" + cycle + "/fortress-indices").then().statusCode(200)
                .extract().jsonPath().getList("items.organization"));
        JsonPath second = given().auth().oauth2(Tokens.countyAdmin()).queryParam("under", township).queryParam("size", 2).queryParam("page", 2)
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices").then().statusCode(200).extract().jsonPath();
        assertEquals(graded, second.getInt("totalItems"));
        assertEquals(rows.subList(2, Math.min(4, rows.size())), second.getList("items"));
        JsonPath beyond = given().auth().oauth2(Tokens.countyAdmin()).queryParam("under", township).queryParam("size", 200).queryParam("page", 9)
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices").then().statusCode(200).extract().jsonPath();
        assertEquals(graded, beyond.getInt("totalItems"));
        assertTrue(beyond.getList("items").isEmpty());
        return rows;
    }

    @SuppressWarnings("unchecked")
    private List<Object> current(long cycle) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT organization_id, scorecard_revision, official_index, stars, complete, vetoed, place_type, county_code "
                        + "FROM fortress_current WHERE cycle_id = :c ORDER BY organization_id")
                .setParameter("c", cycle).getResultList().stream().map(r -> List.of((Object[]) r)).toList());
    }

    private List<Object> recomputed(long cycle) {
        List<Object> before = current(cycle);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM fortress_current WHERE cycle_id = :c")
                .setParameter("c", cycle).executeUpdate());
        assertTrue(current(cycle).isEmpty());
        fortress.recompute(cycle);
        List<Object> after = current(cycle);
        assertEquals(before, after, "recomputed from the scorecards: the same rows");
        return after;
    }

    @Test
    void theListAfterEditsAndACorrectionEqualsTheEngineOnEachScorecard() {
        int year = 2050;
        long rules = Grading.cityRuleSet(Subtrees.idOf(em, Tokens.CITY), year);
        long cycle = Grading.countyCycle(Subtrees.idOf(em, Tokens.COUNTY_1), rules, year);
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        List<Object[]> graded = graded(township);
        assertTrue(graded.size() >= 4, "enough villages under the township");
        long a = ((Number) graded.get(0)[0]).longValue();
        long b = ((Number) graded.get(1)[0]).longValue();
        long c = ((Number) graded.get(2)[0]).longValue();
        String typeA = (String) graded.get(0)[1];
        String typeB = (String) graded.get(1)[1];
        String typeC = (String) graded.get(2)[1];

        // nothing written yet: every organisation has the empty card's index
        listEqualsEngine(cycle, township, graded.size());

        put(Tokens.townshipOfficial(), cycle, a, 0, card(typeA, "0.9", 0));
        Map<String, Object> partial = card(typeB, "0.73", 3);            // three indicators missing, members only
        partial.put("masses", null);
        partial.put("bonuses", List.of(Map.of("code", "BONUS_HONOR", "points", "2", "reason", "获评先进"),
                Map.of("code", "BONUS_HONOR", "points", "2.5", "reason", "再获表彰")));
        partial.put("deductions", List.of(Map.of("code", "DED_PETITION", "points", "1.5", "reason", "越级上访")));
        put(Tokens.townshipOfficial(), cycle, b, 0, partial);
        Map<String, Object> vetoed = card(typeC, "1", 0);
        vetoed.put("vetoes", List.of(Map.of("code", "VETO_CRIME", "reason", "班子成员违法")));
        put(Tokens.countyAdmin(), cycle, c, 0, vetoed);
        List<Map<String, Object>> rows = listEqualsEngine(cycle, township, graded.size());
        assertTrue(rows.stream().anyMatch(r -> (Boolean) r.get("vetoed")));
        assertTrue(rows.stream().anyMatch(r -> "100.0".equals(r.get("officialIndex")) || (Boolean) r.get("vetoed")));

        // an edit changes the stored index with the scorecard
        Map<String, Object> edited = card(typeA, "0.41", 1);
        put(Tokens.townshipOfficial(), cycle, a, 1, edited);
        listEqualsEngine(cycle, township, graded.size());
        assertEquals(3, current(cycle).size(), "one row per scorecard");

        // LOCKED: only an audited correction by the county, which the list shows at once
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("action", "LOCK", "reason", "公示")).when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(200);
        Map<String, Object> corrected = card(typeB, "0.95", 0);
        corrected.put("correctionReason", "据原始台账更正");
        String before = rowOf(listEqualsEngine(cycle, township, graded.size()), b);
        put(Tokens.countyAdmin(), cycle, b, 1, corrected);
        String after = rowOf(listEqualsEngine(cycle, township, graded.size()), b);
        assertFalse(before.equals(after), "the correction shows in the list");
        List<Object> stored = recomputed(cycle);
        assertEquals(3, stored.size());
        for (Object row : stored) {
            long org = ((Number) ((List<?>) row).get(0)).longValue();
            long revision = ((Number) ((List<?>) row).get(1)).longValue();
            assertEquals(org == c ? 1 : 2, revision, "the row is that of the scorecard's last revision");
        }
    }

    private static String rowOf(List<Map<String, Object>> rows, long org) {
        return rows.stream().filter(r -> ((Number) ((Map<?, ?>) r.get("organization")).get("id")).longValue() == org).findFirst()
                .orElseThrow().toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneAggregatePerScopeGivesTheRowsOfTheQueriesPerCycle() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> cycles = em.createNativeQuery("""
                    SELECT c.id, w.path, c.rule_set_id, r.revision, r.label FROM cycle c JOIN organization w ON w.id = c.jurisdiction_id
                    JOIN rule_set r ON r.id = c.rule_set_id ORDER BY c.id""").getResultList();
            Map<Long, FortressTotals.Prepared> rules = new java.util.LinkedHashMap<>();
            for (Object[] c : cycles) {
                rules.put(((Number) c[0]).longValue(), fortress.listRules(((Number) c[2]).longValue(), ((Number) c[3]).longValue(),
                        (String) c[4]).prepared());
            }
            em.unwrap(org.hibernate.Session.class).doWork(connection -> {
                Map<Long, List<FortressTotals.Row>> scope = FortressTotals.computeScope(connection, rules, "/");
                int scored = 0;
                for (Object[] c : cycles) {
                    long cycle = ((Number) c[0]).longValue();
                    java.util.Comparator<FortressTotals.Row> byOrg = java.util.Comparator.comparingLong(r -> r.organization().id());
                    List<FortressTotals.Row> one = new ArrayList<>(FortressTotals.compute(connection, cycle, rules.get(cycle), (String) c[1]));
                    List<FortressTotals.Row> all = new ArrayList<>(scope.getOrDefault(cycle, List.of()));
                    one.sort(byOrg);
                    all.sort(byOrg);
                    assertEquals(one, all, "cycle " + cycle);
                    scored += (int) one.stream().filter(r -> r.scorecardId() != null).count();
                }
                assertTrue(scored > 2000, "the demo scorecards are among them");
            });
        });
    }

    @Test
    void theDemoLoaderStoresWhatTheScorecardsGive() {
        Number demoCycle = given().auth().oauth2(Tokens.countyAdmin()).queryParam("year", 2026).when().get("/api/v1/cycles")
                .then().statusCode(200).extract().path("[0].id");
        List<Object> rows = recomputed(demoCycle.longValue());
        Number scorecards = (Number) em.createNativeQuery("SELECT count(*) FROM scorecard WHERE cycle_id = :c")
                .setParameter("c", demoCycle.longValue()).getSingleResult();
        assertEquals(scorecards.intValue(), rows.size());
    }
}
