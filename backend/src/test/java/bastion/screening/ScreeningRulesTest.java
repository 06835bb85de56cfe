package bastion.screening;

import static bastion.support.OrgData.proposals;
import static bastion.support.OrgData.screen;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.lagging.FindingLedger;
import bastion.support.Grading;
import bastion.support.OrgData;
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
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each screening rule at its edge, on data crafted on villages of county P231205 (each test in a
 * township of its own), with explicit {@code asOf} dates; re-runs propose nothing twice; a county
 * catalogue variant without a rule proposes nothing for it. The whole-county run comes last.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreeningRulesTest {

    private static final String ADMIN = OrgData.county5Admin();

    @Inject
    EntityManager em;

    @Inject
    FindingLedger ledger;

    private long id(String code) {
        return Subtrees.idOf(em, code);
    }

    private void sql(String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }

    private static Map<String, Object> criterion(JsonPath run, String code) {
        List<Map<String, Object>> criteria = run.getList("criteria");
        return criteria.stream().filter(c -> code.equals(c.get("code"))).findFirst().orElse(null);
    }

    private String state(long findingId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("SELECT state FROM finding WHERE id = :id")
                .setParameter("id", findingId).getSingleResult());
    }

    private static long findingId(Map<String, Object> proposal) {
        return ((Number) proposal.get("findingId")).longValue();
    }

    @Test
    @Order(1)
    void secretaryVacancy180DaysDoesNotTrigger181Does() {
        long township = id("P231205102000");
        long village = OrgData.villagesOf(em, "P231205102000").get(0);
        LocalDate since = LocalDate.of(2026, 1, 1);
        assertTrue(OrgData.putPost(ADMIN, village, "SECRETARY", OrgData.vacancy(since)).statusCode() / 100 == 2);

        JsonPath at180 = screen(ADMIN, township, since.plusDays(180), null);
        assertTrue(proposals(at180, village, "C01").isEmpty(), "180 days is not more than 180");
        assertNotNull(criterion(at180, "C01"));
        assertEquals("SECRETARY_VACANCY", criterion(at180, "C01").get("rule"));

        JsonPath at181 = screen(ADMIN, township, since.plusDays(181), null);
        List<Map<String, Object>> found = proposals(at181, village, "C01");
        assertEquals(1, found.size());
        Map<String, Object> p = found.get(0);
        assertTrue(((String) p.get("reason")).contains("2026-01-01 起空缺 181 天 (> 180)"), (String) p.get("reason"));
        assertTrue(((String) p.get("reason")).contains("Secretary post vacant since 2026-01-01: 181 days (> 180)"));
        Map<?, ?> trigger = (Map<?, ?>) p.get("triggerData");
        assertEquals("SECRETARY_VACANCY", trigger.get("rule"));
        assertEquals(181, trigger.get("vacantDays"));
        assertEquals(180, trigger.get("thresholdDays"));
        assertEquals("2026-01-01", trigger.get("vacantSince"));
        assertEquals("SUSPECTED", state(findingId(p)));
        String key = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT screening_key FROM finding WHERE id = :id").setParameter("id", findingId(p)).getSingleResult());
        assertTrue(key.matches("C01\\|post:[0-9]+\\|2026-01-01"), key);

        // re-runs, the same day and later: the same vacancy is never proposed twice
        for (LocalDate asOf : List.of(since.plusDays(181), since.plusDays(200))) {
            JsonPath again = screen(ADMIN, township, asOf, null);
            assertTrue(proposals(again, village, "C01").isEmpty());
            assertTrue(((Number) criterion(again, "C01").get("alreadyProposed")).intValue() >= 1);
        }
    }

    @Test
    @Order(2)
    void aDismissedProposalIsNotProposedAgainForTheSameData() {
        long township = id("P231205102000");
        long village = OrgData.villagesOf(em, "P231205102000").get(1);
        OrgData.putPost(ADMIN, village, "SECRETARY", OrgData.vacancy(LocalDate.of(2025, 1, 1))).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        LocalDate asOf = LocalDate.of(2026, 7, 1);
        List<Map<String, Object>> first = proposals(screen(ADMIN, township, asOf, null), village, "C01");
        assertEquals(1, first.size());
        long finding = findingId(first.get(0));
        QuarkusTransaction.requiringNew().run(() -> ledger.move(finding, FindingLedger.Action.DISMISS, null,
                new FindingLedger.Actor("county5.admin", "测试"), "书记已到任, 系统未更新 / data not yet updated", null, null, null));
        assertEquals("DISMISSED", state(finding));

        JsonPath again = screen(ADMIN, township, asOf, null);
        assertTrue(proposals(again, village, "C01").isEmpty(), "the dismissed vacancy is the same data");

        // new data (a holder came and left again): a new vacancy is proposed
        OrgData.putPost(ADMIN, village, "SECRETARY", OrgData.holder("李四", LocalDate.of(2025, 3, 1))).then().statusCode(200);
        OrgData.putPost(ADMIN, village, "SECRETARY", OrgData.vacancy(LocalDate.of(2025, 9, 1))).then().statusCode(200);
        assertEquals(1, proposals(screen(ADMIN, township, asOf, null), village, "C01").size());
    }

    @Test
    @Order(3)
    void anOrganisationWithALiveFindingOfTheCriterionIsSkipped() {
        long township = id("P231205102000");
        long village = OrgData.villagesOf(em, "P231205102000").get(2);
        OrgData.putPost(ADMIN, village, "SECRETARY", OrgData.vacancy(LocalDate.of(2025, 1, 1))).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        QuarkusTransaction.requiringNew().run(() -> ledger.raise(village, "231205",
                new FindingLedger.Criterion(null, "DEFAULT-2026", 2026, "C01", "班子配备不齐、书记长期缺职、工作处于停滞状态", true),
                new FindingLedger.Actor("county5.admin", "测试"), "走访发现 / found on a visit", null, null, null, null, false));
        JsonPath run = screen(ADMIN, township, LocalDate.of(2026, 7, 2), null);
        assertTrue(proposals(run, village, "C01").isEmpty());
        assertTrue(((Number) criterion(run, "C01").get("skipped")).intValue() >= 1);
        assertTrue(((Number) run.get("skipped")).intValue() >= 1);
    }

    @Test
    @Order(4)
    void noMeetingsCountsCompleteCalendarMonthsBeforeAsOf() {
        long township = id("P231205104000");
        List<Long> villages = OrgData.villagesOf(em, "P231205104000");
        long onFirstDay = villages.get(0);
        long dayBefore = villages.get(1);
        long never = villages.get(2);
        long deleted = villages.get(3);
        long onlyThisMonth = villages.get(4);
        for (long v : List.of(onFirstDay, dayBefore, never, deleted, onlyThisMonth)) {
            sql("DELETE FROM meeting WHERE organization_id = ?1", v);
        }
        OrgData.recordMeeting(ADMIN, onFirstDay, "COMMITTEE", LocalDate.of(2026, 5, 1));
        OrgData.recordMeeting(ADMIN, onFirstDay, "THEME_DAY", LocalDate.of(2026, 7, 15));    // 主题党日 is not 三会一课
        OrgData.recordMeeting(ADMIN, dayBefore, "GROUP", LocalDate.of(2026, 4, 30));
        long mistaken = OrgData.recordMeeting(ADMIN, deleted, "COMMITTEE", LocalDate.of(2026, 6, 10));
        given().auth().oauth2(ADMIN).queryParam("reason", "录入错误 / entered by mistake")
                .delete("/api/v1/organizations/" + deleted + "/meetings/" + mistaken).then().statusCode(204);
        OrgData.recordMeeting(ADMIN, deleted, "PARTY_LECTURE", LocalDate.of(2026, 4, 1));
        OrgData.recordMeeting(ADMIN, onlyThisMonth, "BRANCH_ASSEMBLY", LocalDate.of(2026, 8, 5));

        // asOf 2026-08-15, 3 months: May, June, July 2026
        JsonPath august = screen(ADMIN, township, LocalDate.of(2026, 8, 15), null);
        assertTrue(proposals(august, onFirstDay, "C04").isEmpty(), "a meeting on the window's first day counts");
        Map<String, Object> p = proposals(august, dayBefore, "C04").get(0);
        Map<?, ?> t = (Map<?, ?>) p.get("triggerData");
        assertEquals("2026-04-30", t.get("lastMeetingOn"));
        assertEquals("2026-05-01", t.get("windowFrom"));
        assertEquals("2026-07-31", t.get("windowTo"));
        assertEquals(3, t.get("months"));
        assertTrue(((String) p.get("reason")).contains("2026-05-01 至 2026-07-31 连续 3 个月无三会一课记录 (最近一次 2026-04-30)"),
                (String) p.get("reason"));
        Map<?, ?> none = (Map<?, ?>) proposals(august, never, "C04").get(0).get("triggerData");
        assertNull(none.get("lastMeetingOn"));
        assertTrue(((String) proposals(august, never, "C04").get(0).get("reason")).contains("none ever recorded"));
        assertEquals("2026-04-01", ((Map<?, ?>) proposals(august, deleted, "C04").get(0).get("triggerData")).get("lastMeetingOn"),
                "a deleted meeting does not count");
        assertEquals(1, proposals(august, onlyThisMonth, "C04").size(), "a meeting in asOf's own month is outside the window");

        // asOf 2026-09-01: June, July, August; the meeting of 1 May is now outside
        JsonPath september = screen(ADMIN, township, LocalDate.of(2026, 9, 1), null);
        Map<?, ?> later = (Map<?, ?>) proposals(september, onFirstDay, "C04").get(0).get("triggerData");
        assertEquals("2026-05-01", later.get("lastMeetingOn"));
        assertEquals("2026-06-01", later.get("windowFrom"));
        assertEquals("2026-08-31", later.get("windowTo"));
        assertTrue(proposals(september, dayBefore, "C04").isEmpty(), "proposed once already");
    }

    @Test
    @Order(5)
    void noVenueTriggersWhenAbsentOrRegisteredAfterAsOf() {
        long township = id("P231205109000");
        List<Long> villages = OrgData.villagesOf(em, "P231205109000");
        long absent = villages.get(0);
        long present = villages.get(1);
        long later = villages.get(2);
        sql("DELETE FROM venue WHERE organization_id = ?1", absent);
        OrgData.putVenue(ADMIN, present, OrgData.venue(LocalDate.of(2020, 1, 1))).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        OrgData.putVenue(ADMIN, later, OrgData.venue(LocalDate.of(2026, 6, 1))).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        JsonPath before = screen(ADMIN, township, LocalDate.of(2026, 5, 31), null);
        Map<String, Object> p = proposals(before, absent, "C09").get(0);
        assertEquals("NO_VENUE", p.get("rule"));
        assertEquals(2026, ((Map<?, ?>) p.get("triggerData")).get("year"));
        assertTrue(((String) p.get("reason")).contains("未登记组织活动场所"));
        assertTrue(proposals(before, present, "C09").isEmpty());
        assertEquals(1, proposals(before, later, "C09").size(), "registered after asOf");

        JsonPath after = screen(ADMIN, township, LocalDate.of(2026, 6, 1), null);
        assertTrue(proposals(after, absent, "C09").isEmpty(), "same key (organisation, year): proposed once");
        int triggeredBefore = ((Number) criterion(before, "C09").get("triggered")).intValue();
        int triggeredAfter = ((Number) criterion(after, "C09").get("triggered")).intValue();
        assertEquals(triggeredBefore - 1, triggeredAfter, "the venue registered on 1 June counts from that day");
    }

    @Test
    @Order(6)
    void massesSatisfactionExactlyAtThresholdDoesNotTriggerJustBelowDoes() {
        long township = id("P231205110000");
        List<Long> villages = OrgData.villagesOf(em, "P231205110000");
        long city = id(Tokens.CITY);
        long county = id(OrgData.COUNTY_5);
        int year = 2081;
        long rules = Grading.cityRuleSet(city, year);
        Number cycleNumber = given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", year, "phase", "ANNUAL", "ruleSetId", rules))
                .post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        long cycle = cycleNumber.longValue();
        int[][] masses = {{5, 3}, {1000, 599}, {100, 60}, {50, 29}};
        for (int i = 0; i < masses.length; i++) {
            sql("""
                    INSERT INTO scorecard (id, cycle_id, organization_id, county_code, masses_respondents, masses_satisfied, revision, updated_by)
                    VALUES (nextval('scorecard_seq'), ?1, ?2, '231205', ?3, ?4, 1, 'test')""", cycle, villages.get(i), masses[i][0], masses[i][1]);
        }
        sql("""
                INSERT INTO scorecard (id, cycle_id, organization_id, county_code, members_respondents, members_satisfied, revision, updated_by)
                VALUES (nextval('scorecard_seq'), ?1, ?2, '231205', 10, 9, 1, 'test')""", cycle, villages.get(4));

        JsonPath run = screen(ADMIN, township, LocalDate.of(2026, 11, 1), cycle);
        assertEquals(List.of(cycle), run.getList("cycleIds", Long.class));
        assertEquals(cycle, run.getLong("requestedCycleId"));
        assertEquals(4, criterion(run, "C10").get("examined"), "the scorecard without masses' totals is not examined");
        assertTrue(proposals(run, villages.get(0), "C10").isEmpty(), "3/5 = 60 % is not below 60 %");
        assertTrue(proposals(run, villages.get(2), "C10").isEmpty(), "60/100 = 60 % is not below 60 %");
        Map<String, Object> p = proposals(run, villages.get(1), "C10").get(0);
        Map<?, ?> t = (Map<?, ?>) p.get("triggerData");
        assertEquals(1000, t.get("respondents"));
        assertEquals(599, t.get("satisfied"));
        assertEquals("59.90", t.get("satisfactionPercent"));
        assertEquals("60", t.get("thresholdPercent"));
        assertEquals(cycle, ((Number) t.get("cycleId")).longValue());
        assertTrue(((String) p.get("reason")).contains("599/1000 = 59.90% (< 60%)"), (String) p.get("reason"));
        assertEquals(1, proposals(run, villages.get(3), "C10").size());
        assertTrue(proposals(run, villages.get(4), "C10").isEmpty());

        // without cycleId: the newest cycle of asOf's year or before with masses' totals (not 2081)
        JsonPath byDefault = screen(ADMIN, township, LocalDate.of(2026, 11, 1), null);
        assertFalse(byDefault.getList("cycleIds", Long.class).contains(cycle));
        assertTrue(proposals(byDefault, villages.get(1), "C10").isEmpty(), "already has a live C10 finding");
    }

    @Test
    @Order(7)
    void aCountyCatalogueVariantWithoutTheRuleProposesNothingForIt() {
        long township = id("P231205115000");
        long county = id(OrgData.COUNTY_5);
        List<Long> villages = OrgData.villagesOf(em, "P231205115000");
        long vacant = villages.get(0);
        long noVenue = villages.get(1);
        String definition = """
                {"criteria": [
                  {"code": "C01", "title": "班子配备不齐、书记长期缺职", "description": null, "classifiesDirectly": true,
                   "evidenceDepartment": "ORGANIZATION", "screening": null},
                  {"code": "C09", "title": "无组织活动场所", "description": null, "classifiesDirectly": true,
                   "evidenceDepartment": "ORGANIZATION", "screening": {"rule": "NO_VENUE", "days": null, "months": null, "percent": null}}],
                 "rectification": {"visitsPerMonth": 1, "acceptanceMinPoints": "70", "acceptanceMinSatisfactionPercent": "50",
                   "followUpMonths": 12}}""";
        sql("""
                INSERT INTO catalogue (id, jurisdiction_id, county_code, year, version_number, label, name, based_on, definition, created_by)
                VALUES (nextval('lagging_seq'), ?1, '231205', 2024, 1, 'P231205000000-2024-c1', '县目录 2024', 'DEFAULT-2024',
                        CAST(?2 AS jsonb), 'test')""", county, definition);
        OrgData.putPost(ADMIN, vacant, "SECRETARY", OrgData.vacancy(LocalDate.of(2023, 1, 1))).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        sql("DELETE FROM venue WHERE organization_id = ?1", noVenue);

        JsonPath variant = screen(ADMIN, township, LocalDate.of(2024, 12, 31), null);
        assertEquals(List.of("P231205000000-2024-c1"), variant.getList("catalogues"));
        assertNull(criterion(variant, "C01"), "no screening rule for C01 in the county's 2024 catalogue");
        assertTrue(variant.getList("proposals.criterionCode").stream().noneMatch("C01"::equals));
        assertNull(criterion(variant, "C04"));
        assertEquals(1, proposals(variant, noVenue, "C09").size());

        // the default catalogue of 2025 has the rule
        JsonPath byDefault = screen(ADMIN, township, LocalDate.of(2025, 6, 30), null);
        assertEquals(List.of("DEFAULT-2025"), byDefault.getList("catalogues"));
        assertEquals(1, proposals(byDefault, vacant, "C01").size());
    }

    @Test
    @Order(8)
    void runsAreStoredListedAndReadWithTheirProposals() {
        long township = id("P231205102000");
        JsonPath run = screen(ADMIN, township, LocalDate.of(2026, 7, 10), null);
        long runId = run.getLong("id");
        JsonPath read = given().auth().oauth2(ADMIN).get("/api/v1/screening-runs/" + runId).then().statusCode(200).extract().jsonPath();
        assertEquals("2026-07-10", read.getString("asOf"));
        assertEquals("county5.admin", read.getString("runBy"));
        assertEquals(township, read.getLong("organization.id"));
        assertEquals(run.getList("proposals.findingId"), read.getList("proposals.findingId"));
        assertEquals(run.getList("criteria"), read.getList("criteria"));
        given().auth().oauth2(ADMIN).queryParam("under", township).get("/api/v1/screening-runs")
                .then().statusCode(200).body("items.id", hasItem((int) runId)).body("items[0].proposals", org.hamcrest.Matchers.nullValue());
        // a township official of another township sees neither
        String other = Tokens.user("township5.official", "P231205104000", "township-official");
        given().auth().oauth2(other).get("/api/v1/screening-runs/" + runId).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/screening-runs").then().statusCode(200).body("items.id", not(hasItem((int) runId)));
        given().auth().oauth2(other).queryParam("under", township).get("/api/v1/screening-runs").then().statusCode(404);
    }

    @Test
    @Order(9)
    void runInputIsValidated() {
        long township = id("P231205102000");
        long village = OrgData.villagesOf(em, "P231205102000").get(0);
        Map<String, Object> future = new HashMap<>(Map.of("organizationId", township, "asOf", LocalDate.now().plusYears(1).toString()));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(future).post("/api/v1/screening-runs")
                .then().statusCode(400).body("errors.field", hasItem("asOf"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("organizationId", village)).post("/api/v1/screening-runs")
                .then().statusCode(400).body("errors.field", hasItem("organizationId"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("organizationId", 999_999_999)).post("/api/v1/screening-runs")
                .then().statusCode(400).body("errors.field", hasItem("organizationId"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("organizationId", township, "cycleId", 999_999_999))
                .post("/api/v1/screening-runs").then().statusCode(400).body("errors.field", hasItem("cycleId"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/screening-runs")
                .then().statusCode(400).body("errors.field", hasItem("organizationId"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("organizationId", township, "asOf", "2026-02-30"))
                .post("/api/v1/screening-runs").then().statusCode(400).body("errors.field", hasItem("asOf"));
        // outside the caller's jurisdiction: a 400 on the field, like every organisation named in a body
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("organizationId", township))
                .post("/api/v1/screening-runs").then().statusCode(400).body("errors.field", hasItem("organizationId"));
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON).body(Map.of("organizationId", id(Tokens.COUNTY_1)))
                .post("/api/v1/screening-runs").then().statusCode(400).body("errors.field", hasItem("organizationId"));
    }

    @Test
    @Order(100)
    void aWholeCountyScreensFastAndASecondRunProposesNothing() {
        long county = id(OrgData.COUNTY_5);
        JsonPath first = screen(ADMIN, county, null, null);
        assertTrue(first.getInt("durationMillis") < 5000, "took " + first.getInt("durationMillis") + " ms");
        assertTrue(first.getInt("examined") > 300);
        JsonPath second = screen(ADMIN, county, null, null);
        assertEquals(0, second.getInt("proposed"));
        assertEquals(first.getInt("proposed") + first.getInt("alreadyProposed") + first.getInt("skipped"),
                second.getInt("alreadyProposed") + second.getInt("skipped"));
    }
}
