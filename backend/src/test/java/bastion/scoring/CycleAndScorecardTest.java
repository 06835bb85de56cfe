package bastion.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.common.Problems;
import bastion.support.Grading;
import bastion.support.Subtrees;
import bastion.support.Tokens;
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
 * A cycle's life with its scorecards: entry by role and scope, optimistic locking, validation,
 * lock and audited corrections, publication and immutability. Each test uses a year of its own.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CycleAndScorecardTest {

    private static final String TOWNSHIP_2_OFFICIAL = Tokens.user("township2.official", Tokens.TOWNSHIP_2, "township-official");

    @Inject
    EntityManager em;

    private long village() {
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        return ((Number) em.createNativeQuery(
                "SELECT id FROM organization WHERE parent_id = :t AND place_type = 'VILLAGE' ORDER BY id LIMIT 1")
                .setParameter("t", township).getSingleResult()).longValue();
    }

    private long cycle(int year) {
        long rules = Grading.cityRuleSet(Subtrees.idOf(em, Tokens.CITY), year);
        return Grading.countyCycle(Subtrees.idOf(em, Tokens.COUNTY_1), rules, year);
    }

    /** Every village indicator at 90 % of its maximum (Σ verified = 90 of 100); members 45/50, masses 80/100. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ninetyPercent() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> dimension : (List<Map<String, Object>>) Grading.template().get("dimensions")) {
            for (Map<String, Object> indicator : (List<Map<String, Object>>) dimension.get("indicators")) {
                List<String> appliesTo = (List<String>) indicator.get("appliesTo");
                if (appliesTo == null || appliesTo.contains("VILLAGE")) {
                    BigDecimal max = new BigDecimal((String) indicator.get("max"));
                    items.add(Map.of("indicatorCode", indicator.get("code"), "selfScore", max.toPlainString(),
                            "verifiedScore", max.multiply(new BigDecimal("0.9")).stripTrailingZeros().toPlainString(), "note", "台账齐全"));
                }
            }
        }
        Map<String, Object> card = new HashMap<>();
        card.put("items", items);
        card.put("members", Map.of("respondents", 50, "satisfied", 45));
        card.put("masses", Map.of("respondents", 100, "satisfied", 80));
        card.put("bonuses", List.of());
        card.put("deductions", List.of());
        card.put("vetoes", List.of());
        return card;
    }

    private static io.restassured.response.ValidatableResponse put(String token, long cycle, long org, String etag, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.when().put("/api/v1/cycles/" + cycle + "/scorecards/" + org).then();
    }

    @Test
    void anOfficialFillsAScorecardAndReadsTheExplainedIndex() {
        long cycle = cycle(2031);
        long village = village();
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/cycles/" + cycle + "/scorecards/" + village)
                .then().statusCode(200).header("ETag", "\"0\"")
                .body("revision", equalTo(0)).body("editable", equalTo(true)).body("items", empty())
                .body("placeType", equalTo("VILLAGE")).body("ruleSetLabel", equalTo(Tokens.CITY + "-2031-v1"));

        put(Tokens.townshipOfficial(), cycle, village, "\"0\"", ninetyPercent())
                .statusCode(200).header("ETag", "\"1\"").body("revision", equalTo(1));

        JsonPath index = given().auth().oauth2(Tokens.townshipOfficial())
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices/" + village)
                .then().statusCode(200).extract().jsonPath();
        // 0.6 × 100 × 90 / 100 + 0.2 × 90 + 0.2 × 80 = 54 + 18 + 16 = 88
        assertEquals("88", index.getString("exactIndex"));
        assertEquals("88.0", index.getString("officialIndex"));
        assertEquals(4, index.getInt("stars"));
        assertTrue(index.getBoolean("complete"));
        assertEquals("90", index.getString("explanation.verifiedTotal"));
        assertEquals("100", index.getString("explanation.maxTotal"));
        BigDecimal sum = index.getList("explanation.terms.value", String.class).stream().map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(new BigDecimal(index.getString("exactIndex"))), "the explanation adds up");
        assertEquals(List.of("54", "18", "16"), index.getList("explanation.terms.value", String.class));

        given().auth().oauth2(Tokens.countyAdmin()).queryParam("size", 200).queryParam("complete", "true")
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices")
                .then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].officialIndex", equalTo("88.0"))
                .body("published", equalTo(false));
        given().auth().oauth2(Tokens.countyAdmin()).queryParam("complete", "false").queryParam("stars", 1)
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices")
                .then().statusCode(200).body("items.complete", everyItem(equalTo(false)));
    }

    @Test
    void staleWritesGet412WithTheCurrentVersion() {
        long cycle = cycle(2032);
        long village = village();
        put(Tokens.townshipOfficial(), cycle, village, "\"0\"", ninetyPercent()).statusCode(200);
        put(Tokens.countyAdmin(), cycle, village, "\"0\"", ninetyPercent())
                .statusCode(412).contentType("application/problem+json")
                .body("type", equalTo(Problems.STALE))
                .body("current.revision", equalTo(1))
                .body("current.items.size()", equalTo(15));
        put(Tokens.countyAdmin(), cycle, village, null, ninetyPercent()).statusCode(428);
        put(Tokens.countyAdmin(), cycle, village, "1", ninetyPercent()).statusCode(400).body("errors[0].field", equalTo("If-Match"));
        put(Tokens.countyAdmin(), cycle, village, "\"1\"", ninetyPercent()).statusCode(200).body("revision", equalTo(2));
    }

    @Test
    void everyInvalidFieldIsNamed() {
        long cycle = cycle(2033);
        long village = village();
        Map<String, Object> card = ninetyPercent();
        List<Object> items = new ArrayList<>((List<?>) card.get("items"));
        items.set(0, Map.of("indicatorCode", "LEAD_SECRETARY", "verifiedScore", "8.5"));
        items.set(1, Map.of("indicatorCode", "NO_SUCH", "verifiedScore", "1"));
        items.set(2, Map.of("indicatorCode", "RICH_CO_BUILD", "verifiedScore", "1"));
        items.set(3, Map.of("indicatorCode", "LIFE_MEETINGS", "verifiedScore", "-1"));
        card.put("items", items);
        card.put("members", Map.of("respondents", 10, "satisfied", 11));
        card.put("bonuses", List.of(Map.of("code", "BONUS_NOPE", "points", "1", "reason", "x")));
        card.put("vetoes", List.of(Map.of("code", "VETO_CRIME", "reason", " ")));
        put(Tokens.townshipOfficial(), cycle, village, "\"0\"", card)
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("items[3].verifiedScore", "vetoes[0].reason"));
        card.put("vetoes", List.of());
        items.set(3, Map.of("indicatorCode", "LIFE_MEETINGS", "verifiedScore", "1"));
        put(Tokens.townshipOfficial(), cycle, village, "\"0\"", card)
                .statusCode(400)
                .body("errors.field", hasItems("items[0].verifiedScore", "items[1].indicatorCode", "items[2].indicatorCode",
                        "members.satisfied", "bonuses[0].code"));
        // nothing was written
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/cycles/" + cycle + "/scorecards/" + village)
                .then().body("revision", equalTo(0));
    }

    @Test
    void whoMayWriteWhichScorecard() {
        long cycle = cycle(2034);
        long village = village();
        put(TOWNSHIP_2_OFFICIAL, cycle, village, "\"0\"", ninetyPercent()).statusCode(404);
        put(Tokens.cityAdmin(), cycle, village, "\"0\"", ninetyPercent()).statusCode(403);
        put(Tokens.auditor(), cycle, village, "\"0\"", ninetyPercent()).statusCode(403);
        put(Tokens.govSystem(), cycle, village, "\"0\"", ninetyPercent()).statusCode(403);
        given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/cycles/" + cycle + "/scorecards/" + village)
                .then().statusCode(200).body("editable", equalTo(false));
        // a county, a township or a village of another county is not graded in this cycle
        long otherCountyVillage = ((Number) em.createNativeQuery(
                "SELECT id FROM organization WHERE graded AND county_code = '231203' ORDER BY id LIMIT 1").getSingleResult()).longValue();
        put(Tokens.cityAdmin(), cycle, otherCountyVillage, "\"0\"", ninetyPercent()).statusCode(404);
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/cycles/" + cycle + "/scorecards/" + township).then().statusCode(404);
        // the other county's admin does not even see the cycle
        given().auth().oauth2(Tokens.user("county2.admin", Tokens.COUNTY_2, "county-admin")).when().get("/api/v1/cycles/" + cycle)
                .then().statusCode(404);
    }

    @Test
    void lockThenCorrectOnlyWithAReasonThenPublishForever() {
        long cycle = cycle(2035);
        long village = village();
        put(Tokens.townshipOfficial(), cycle, village, "\"0\"", ninetyPercent()).statusCode(200);

        Map<String, Object> lock = Map.of("action", "LOCK", "reason", "进入公示期");
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(lock)
                .when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(403);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(lock)
                .when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(412);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(lock)
                .when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(200)
                .body("state", equalTo("LOCKED")).header("ETag", "\"1\"");

        put(Tokens.townshipOfficial(), cycle, village, "\"1\"", ninetyPercent()).statusCode(409).body("state", equalTo("LOCKED"));
        put(Tokens.countyAdmin(), cycle, village, "\"1\"", ninetyPercent()).statusCode(400)
                .body("errors[0].field", equalTo("correctionReason"));
        Map<String, Object> corrected = ninetyPercent();
        corrected.put("masses", Map.of("respondents", 100, "satisfied", 90));
        corrected.put("correctionReason", "群众评议票数录入有误, 据原始票据更正");
        put(Tokens.countyAdmin(), cycle, village, "\"1\"", corrected).statusCode(200).body("revision", equalTo(2));
        Number audited = (Number) em.createNativeQuery(
                "SELECT count(*) FROM audit_event WHERE cycle_id = :c AND organization_id = :o AND action = 'SCORECARD_CORRECTED' AND reason LIKE '群众评议%'")
                .setParameter("c", cycle).setParameter("o", village).getSingleResult();
        assertEquals(1, audited.intValue());

        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("action", "PUBLISH"))
                .when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(200).body("state", equalTo("PUBLISHED"));

        String published = given().auth().oauth2(Tokens.townshipOfficial())
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices/" + village)
                .then().statusCode(200).body("published", equalTo(true)).body("officialIndex", equalTo("90.0"))
                .extract().asString();

        put(Tokens.countyAdmin(), cycle, village, "\"2\"", corrected).statusCode(409).body("state", equalTo("PUBLISHED"));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("action", "PUBLISH"))
                .when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(409)
                .body("state", equalTo("PUBLISHED")).body("allowedActions", empty());
        // nothing can change a stored result, even directly in the database
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE fortress_result SET stars = 1 WHERE cycle_id = " + cycle).executeUpdate()));

        String again = given().auth().oauth2(Tokens.countyAdmin())
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices/" + village).then().statusCode(200).extract().asString();
        assertEquals(published, again, "a published result is byte-identical later");
        given().auth().oauth2(Tokens.countyAdmin()).queryParam("size", 5)
                .when().get("/api/v1/cycles/" + cycle + "/fortress-indices")
                .then().statusCode(200).body("published", equalTo(true)).body("items[0].officialIndex", equalTo("90.0"));
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/cycles/" + cycle + "/scorecards/" + village)
                .then().body("editable", equalTo(false)).body("cycleState", equalTo("PUBLISHED"));
    }

    @Test
    void cyclesDoNotOverlapAndBelongToTheirAdmins() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        long rules = Grading.cityRuleSet(city, 2036);
        Grading.countyCycle(county, rules, 2036);
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", city, "year", 2036, "phase", "ANNUAL", "ruleSetId", rules))
                .when().post("/api/v1/cycles").then().statusCode(409).body("existingCycleId", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", city, "year", 2036, "phase", "MID_YEAR", "ruleSetId", rules))
                .when().post("/api/v1/cycles").then().statusCode(201).body("state", equalTo("OPEN"));
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", 2036, "phase", "MID_YEAR", "ruleSetId", rules))
                .when().post("/api/v1/cycles").then().statusCode(403);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", 2037, "phase", "ANNUAL", "ruleSetId", rules))
                .when().post("/api/v1/cycles").then().statusCode(400).body("errors[0].field", equalTo("ruleSetId"));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", 2036, "phase", "YEARLY", "ruleSetId", rules))
                .when().post("/api/v1/cycles").then().statusCode(400).body("errors[0].field", equalTo("phase"));
        given().auth().oauth2(Tokens.townshipOfficial()).queryParam("year", 2036).when().get("/api/v1/cycles")
                .then().statusCode(200).body("phase", hasItems("ANNUAL", "MID_YEAR"));
    }

    @Test
    void theDemoCycleListsEveryVillageOfTheCounty() {
        Number demoCycle = given().auth().oauth2(Tokens.countyAdmin()).queryParam("year", 2026).when().get("/api/v1/cycles")
                .then().statusCode(200).extract().path("[0].id");
        int villages = ((Number) em.createNativeQuery("SELECT count(*) FROM organization WHERE graded AND county_code = '231202'")
                .getSingleResult()).intValue();
        JsonPath page = given().auth().oauth2(Tokens.countyAdmin()).queryParam("size", 200)
                .when().get("/api/v1/cycles/" + demoCycle + "/fortress-indices").then().statusCode(200).extract().jsonPath();
        assertEquals(villages, page.getInt("totalItems"));
        List<String> indices = page.getList("items.officialIndex", String.class);
        List<BigDecimal> sorted = new ArrayList<>(indices.stream().map(BigDecimal::new).toList());
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, indices.stream().map(BigDecimal::new).toList(), "sorted by index, highest first");
        given().auth().oauth2(Tokens.townshipOfficial()).queryParam("size", 200)
                .when().get("/api/v1/cycles/" + demoCycle + "/fortress-indices")
                .then().statusCode(200).body("items.complete", hasItem(false));

        // the list (totals added up by SQL) and the explained index (every score row) agree, row by row
        List<Map<String, Object>> rows = page.getList("items");
        for (Map<String, Object> row : rows.subList(0, 40)) {
            Number org = (Number) ((Map<?, ?>) row.get("organization")).get("id");
            JsonPath one = given().auth().oauth2(Tokens.countyAdmin())
                    .when().get("/api/v1/cycles/" + demoCycle + "/fortress-indices/" + org).then().statusCode(200).extract().jsonPath();
            assertEquals(row.get("officialIndex"), one.getString("officialIndex"), "organisation " + org);
            assertEquals(row.get("stars"), one.getInt("stars"));
            assertEquals(row.get("complete"), one.getBoolean("complete"));
            assertEquals(row.get("vetoed"), one.getBoolean("vetoed"));
        }
    }
}
