package bastion.orgdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.support.OrgData;
import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Leadership posts, meetings and venues through the API: optimistic writes (201 / 428 / 412),
 * validation naming each field, the venue's checklist score and its distinct 404, and the 404 of
 * organisations outside the caller's jurisdiction. Data on township P231205203000 (county 5).
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrgDataApiTest {

    private static final String TOWNSHIP = "P231205203000";
    private static final String ADMIN = OrgData.county5Admin();
    private static final String OFFICIAL = Tokens.user("township203.official", TOWNSHIP, "township-official");
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    EntityManager em;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private long village(int index) {
        return OrgData.villagesOf(em, TOWNSHIP).get(index);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    @Test
    void aPostIsCreatedWithoutIfMatchAndChangedOnlyWithTheCurrentOne() {
        long township = Subtrees.idOf(em, TOWNSHIP);            // townships keep posts too; the demo gives them none
        String url = "/api/v1/organizations/" + township + "/posts/ORGANIZATION_COMMITTEE";
        as(OFFICIAL).header("If-Match", "\"7\"").body(OrgData.holder("赵六", LocalDate.of(2024, 3, 1))).put(url)
                .then().statusCode(412);
        as(OFFICIAL).body(OrgData.holder("赵六", LocalDate.of(2024, 3, 1))).put(url)
                .then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString(url))
                .body("post", equalTo("ORGANIZATION_COMMITTEE")).body("vacant", equalTo(false)).body("holderName", equalTo("赵六"))
                .body("holderSince", equalTo("2024-03-01")).body("vacantSince", nullValue()).body("revision", equalTo(1))
                .body("updatedBy", equalTo("township203.official"));
        as(OFFICIAL).get("/api/v1/organizations/" + township + "/posts").then().statusCode(200)
                .body("organization.code", equalTo(TOWNSHIP)).body("posts.post", contains("ORGANIZATION_COMMITTEE"));
        // a change needs If-Match; a stale one gets 412 with the current post
        as(OFFICIAL).body(OrgData.vacancy(LocalDate.of(2026, 1, 5))).put(url).then().statusCode(428);
        as(OFFICIAL).header("If-Match", "\"0\"").body(OrgData.vacancy(LocalDate.of(2026, 1, 5))).put(url)
                .then().statusCode(412).body("current.revision", equalTo(1)).body("current.holderName", equalTo("赵六"));
        as(OFFICIAL).header("If-Match", "abc").body(OrgData.vacancy(LocalDate.of(2026, 1, 5))).put(url)
                .then().statusCode(400).body("errors.field", hasItem("If-Match"));
        // the holder leaves
        LocalDate since = TODAY.minusDays(30);
        as(OFFICIAL).header("If-Match", "\"1\"").body(OrgData.vacancy(since)).put(url)
                .then().statusCode(200).header("ETag", "\"2\"").body("vacant", equalTo(true)).body("holderName", nullValue())
                .body("holderSince", nullValue()).body("vacantSince", equalTo(since.toString())).body("vacantDays", equalTo(30));
        // no names in the audit trail
        long named = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM audit_event WHERE CAST(details AS text) LIKE '%赵六%' OR reason LIKE '%赵六%'").getSingleResult()).longValue());
        assertEquals(0, named);
        long audited = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM audit_event WHERE organization_id = :o AND action IN ('POST_RECORDED', 'POST_CHANGED')")
                .setParameter("o", township).getSingleResult()).longValue());
        assertEquals(2, audited);
    }

    @Test
    void postInputIsValidatedFieldByFieldWithoutEchoingNames() {
        long village = village(0);
        String url = "/api/v1/organizations/" + village + "/posts/SECRETARY";
        String tag = OrgData.postTag(ADMIN, village, "SECRETARY");
        Map<String, Object> both = with(OrgData.holder("钱七", LocalDate.of(2024, 1, 1)), "vacantSince", "2025-01-01");
        Response r = as(ADMIN).header("If-Match", tag).body(both).put(url);
        r.then().statusCode(400).body("errors.field", contains("vacantSince"));
        assertFalse(r.asString().contains("钱七"), "a name never appears in an error body");
        Map<String, Object> neither = new HashMap<>();
        neither.put("holderName", null);
        neither.put("holderSince", null);
        neither.put("vacantSince", null);
        as(ADMIN).header("If-Match", tag).body(neither).put(url).then().statusCode(400).body("errors.field", contains("vacantSince"));
        as(ADMIN).header("If-Match", tag).body(with(OrgData.holder("钱七", LocalDate.of(2024, 1, 1)), "holderSince", null)).put(url)
                .then().statusCode(400).body("errors.field", contains("holderSince"));
        as(ADMIN).header("If-Match", tag).body(with(OrgData.vacancy(LocalDate.of(2024, 1, 1)), "holderSince", "2020-01-01")).put(url)
                .then().statusCode(400).body("errors.field", contains("holderSince"));
        as(ADMIN).header("If-Match", tag).body(OrgData.holder("钱七", TODAY.plusDays(1))).put(url)
                .then().statusCode(400).body("errors.field", contains("holderSince"));
        as(ADMIN).header("If-Match", tag).body(OrgData.vacancy(TODAY.plusDays(1))).put(url)
                .then().statusCode(400).body("errors.field", contains("vacantSince"));
        as(ADMIN).header("If-Match", tag).body(OrgData.vacancy(LocalDate.of(1900, 1, 1))).put(url)
                .then().statusCode(400).body("errors.field", contains("vacantSince"));
        as(ADMIN).header("If-Match", tag).body(with(OrgData.vacancy(TODAY), "vacantSince", "2026-13-01")).put(url)
                .then().statusCode(400).body("errors.field", contains("vacantSince"));
        Response tooLong = as(ADMIN).header("If-Match", tag).body(OrgData.holder("钱".repeat(51), LocalDate.of(2024, 1, 1))).put(url);
        tooLong.then().statusCode(400).body("errors.field", contains("holderName"));
        assertFalse(tooLong.asString().contains("钱钱"));
        as(ADMIN).header("If-Match", tag).body(OrgData.holder("钱\n七", LocalDate.of(2024, 1, 1))).put(url)
                .then().statusCode(400).body("errors.field", contains("holderName"));
        as(ADMIN).header("If-Match", tag).body(OrgData.holder("   ", LocalDate.of(2024, 1, 1))).put(url)
                .then().statusCode(400).body("errors.field", contains("holderName"));
        as(ADMIN).header("If-Match", tag).body(with(OrgData.vacancy(TODAY), "extra", 1)).put(url)
                .then().statusCode(400).body("errors.field", contains("extra"));
        as(ADMIN).body(OrgData.vacancy(TODAY)).put("/api/v1/organizations/" + village + "/posts/CHAIRMAN")
                .then().statusCode(400).body("errors.field", contains("post"));
        as(ADMIN).get("/api/v1/organizations/" + Subtrees.idOf(em, OrgData.COUNTY_5) + "/posts")
                .then().statusCode(400).body("errors.field", contains("organizationId"));
        as(ADMIN).get("/api/v1/organizations/abc/posts").then().statusCode(400).body("errors.field", contains("organizationId"));
        // nothing was written
        assertEquals(tag, OrgData.postTag(ADMIN, village, "SECRETARY"));
    }

    @Test
    void meetingsAreRecordedListedNewestFirstAndDeletedWithAReason() {
        long village = village(1);
        String url = "/api/v1/organizations/" + village + "/meetings";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM meeting WHERE organization_id = :o")
                .setParameter("o", village).executeUpdate());
        long older = OrgData.recordMeeting(OFFICIAL, village, "COMMITTEE", LocalDate.of(2026, 3, 10));
        long newer = OrgData.recordMeeting(OFFICIAL, village, "PARTY_LECTURE", LocalDate.of(2026, 6, 20));
        as(OFFICIAL).body(OrgData.meeting("GROUP", LocalDate.of(2026, 5, 2))).post(url).then().statusCode(201)
                .header("Location", containsString(url + "/")).body("kind", equalTo("GROUP")).body("heldOn", equalTo("2026-05-02"))
                .body("attendees", equalTo(5)).body("expected", equalTo(6)).body("recordedBy", equalTo("township203.official"))
                .body("organizationId", equalTo((int) village));
        as(OFFICIAL).get(url).then().statusCode(200).body("totalItems", equalTo(3))
                .body("items.heldOn", contains("2026-06-20", "2026-05-02", "2026-03-10"));
        as(OFFICIAL).queryParam("from", "2026-05-01").queryParam("to", "2026-05-31").get(url).then().statusCode(200)
                .body("items.heldOn", contains("2026-05-02"));
        as(OFFICIAL).queryParam("kind", "COMMITTEE").get(url).then().statusCode(200).body("items.id", contains((int) older));
        as(OFFICIAL).queryParam("size", "1").queryParam("page", "2").get(url).then().statusCode(200)
                .body("items.heldOn", contains("2026-05-02")).body("totalPages", equalTo(3));

        // validation
        as(OFFICIAL).body(OrgData.meeting("COMMITTEE", TODAY.plusDays(1))).post(url).then().statusCode(400).body("errors.field", contains("heldOn"));
        as(OFFICIAL).body(OrgData.meeting("COMMITTEE", LocalDate.of(1999, 12, 31))).post(url).then().statusCode(400)
                .body("errors.field", contains("heldOn"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "attendees", 7)).post(url).then().statusCode(400)
                .body("errors.field", contains("attendees"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "attendees", -1)).post(url).then().statusCode(400)
                .body("errors.field", contains("attendees"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "expected", 0)).post(url).then().statusCode(400)
                .body("errors.field", hasItem("expected"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "kind", "PICNIC")).post(url).then().statusCode(400)
                .body("errors.field", contains("kind"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "kind", null)).post(url).then().statusCode(400)
                .body("errors.field", contains("kind"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "topic", " ")).post(url).then().statusCode(400)
                .body("errors.field", contains("topic"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "topic", "x".repeat(201))).post(url).then().statusCode(400)
                .body("errors.field", contains("topic"));
        as(OFFICIAL).body(with(OrgData.meeting("COMMITTEE", TODAY), "heldOn", "yesterday")).post(url).then().statusCode(400)
                .body("errors.field", contains("heldOn"));
        as(OFFICIAL).queryParam("from", "2026-1-1").get(url).then().statusCode(400).body("errors.field", contains("from"));
        as(OFFICIAL).queryParam("from", "2026-05-01").queryParam("to", "2026-04-01").get(url).then().statusCode(400)
                .body("errors.field", contains("to"));
        as(OFFICIAL).queryParam("page", "0").queryParam("kind", "X").get(url).then().statusCode(400)
                .body("errors.field", hasItem("page")).body("errors.field", hasItem("kind"));
        as(OFFICIAL).get(url).then().body("totalItems", equalTo(3));

        // deletion: a reason is required; audited; gone from the list; a second delete is 404
        as(OFFICIAL).delete(url + "/" + newer).then().statusCode(400).body("errors.field", contains("reason"));
        as(OFFICIAL).queryParam("reason", "录入错误 / entered by mistake").delete(url + "/" + newer).then().statusCode(204);
        as(OFFICIAL).queryParam("reason", "again").delete(url + "/" + newer).then().statusCode(404);
        as(OFFICIAL).get(url).then().body("items.id", not(hasItem((int) newer))).body("totalItems", equalTo(2));
        String reason = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT reason FROM audit_event WHERE action = 'MEETING_DELETED' AND organization_id = :o ORDER BY id DESC LIMIT 1")
                .setParameter("o", village).getSingleResult());
        assertEquals("录入错误 / entered by mistake", reason);
        // a meeting of another organisation is not found under this one
        long elsewhere = OrgData.recordMeeting(OFFICIAL, village(2), "COMMITTEE", LocalDate.of(2026, 3, 10));
        as(OFFICIAL).queryParam("reason", "x").delete(url + "/" + elsewhere).then().statusCode(404);
    }

    @Test
    void aVenueIsRegisteredScoredAndChangedOptimistically() {
        long township = Subtrees.idOf(em, TOWNSHIP);            // no venue in the demo data
        String url = "/api/v1/organizations/" + township + "/venue";
        as(OFFICIAL).get(url).then().statusCode(404).body("venueRegistered", equalTo(false)).body("detail", containsString("尚未登记活动场所"));
        Map<String, Object> venue = OrgData.venue(LocalDate.of(2018, 6, 1));
        ((Map<String, Object>) venue.get("checklist")).put("library", false);
        ((Map<String, Object>) venue.get("checklist")).put("broadcast", false);
        as(OFFICIAL).body(venue).put(url).then().statusCode(201).header("ETag", "\"1\"")
                .body("organization.id", equalTo((int) township)).body("areaSquareMeters", equalTo("320.5"))
                .body("registeredOn", equalTo("2018-06-01")).body("checklist.library", equalTo(false)).body("checklist.flag", equalTo(true))
                .body("score.met", equalTo(22)).body("score.total", equalTo(24))
                .body("score.groups.group", contains("WU_HUA", "LIU_TONG", "LIU_SHI", "QI_YOU"))
                .body("score.groups.met", contains(5, 5, 5, 7)).body("score.groups.total", contains(5, 6, 6, 7));
        as(OFFICIAL).get(url).then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("测试村党群服务中心"));
        as(OFFICIAL).body(venue).put(url).then().statusCode(428);
        as(OFFICIAL).header("If-Match", "\"3\"").body(venue).put(url).then().statusCode(412).body("current.revision", equalTo(1))
                .body("current.score.met", equalTo(22));
        as(OFFICIAL).header("If-Match", "\"1\"").body(with(venue, "areaSquareMeters", "1200")).put(url).then().statusCode(200)
                .header("ETag", "\"2\"").body("areaSquareMeters", equalTo("1200.0"));

        // validation
        String tag = "\"2\"";
        as(OFFICIAL).header("If-Match", tag).body(with(venue, "areaSquareMeters", "0")).put(url).then().statusCode(400)
                .body("errors.field", contains("areaSquareMeters"));
        as(OFFICIAL).header("If-Match", tag).body(with(venue, "areaSquareMeters", "12.55")).put(url).then().statusCode(400)
                .body("errors.field", contains("areaSquareMeters"));
        as(OFFICIAL).header("If-Match", tag).body(with(venue, "registeredOn", TODAY.plusDays(1).toString())).put(url).then().statusCode(400)
                .body("errors.field", contains("registeredOn"));
        as(OFFICIAL).header("If-Match", tag).body(with(venue, "name", "")).put(url).then().statusCode(400).body("errors.field", hasItem("name"));
        as(OFFICIAL).header("If-Match", tag).body(with(venue, "address", null)).put(url).then().statusCode(400)
                .body("errors.field", contains("address"));
        Map<String, Object> partial = new HashMap<>(OrgData.checklist(true));
        partial.remove("flag");
        as(OFFICIAL).header("If-Match", tag).body(with(venue, "checklist", partial)).put(url).then().statusCode(400)
                .body("errors.field", contains("checklist.flag"));
        as(OFFICIAL).get(url).then().header("ETag", "\"2\"");
    }

    @Test
    void organisationsOutsideTheJurisdictionAreNotFound() {
        long village = village(3);
        String base = "/api/v1/organizations/" + village;
        String county2 = Tokens.user("county2.admin", Tokens.COUNTY_2, "county-admin");
        String otherTownship = Tokens.user("township5x.official", "P231205204000", "township-official");
        long meeting = OrgData.recordMeeting(ADMIN, village, "COMMITTEE", LocalDate.of(2026, 2, 2));
        for (String token : List.of(Tokens.townshipOfficial(), county2, otherTownship, Tokens.auditor())) {
            as(token).get(base + "/posts").then().statusCode(404).body("venueRegistered", nullValue());
            as(token).get(base + "/meetings").then().statusCode(404);
            as(token).get(base + "/venue").then().statusCode(404).body("venueRegistered", nullValue());
        }
        for (String token : List.of(Tokens.townshipOfficial(), county2, otherTownship)) {
            as(token).body(OrgData.vacancy(TODAY)).put(base + "/posts/SECRETARY").then().statusCode(404);
            as(token).body(OrgData.meeting("GROUP", TODAY)).post(base + "/meetings").then().statusCode(404);
            as(token).queryParam("reason", "x").delete(base + "/meetings/" + meeting).then().statusCode(404);
            as(token).body(OrgData.venue(TODAY)).put(base + "/venue").then().statusCode(404);
        }
        as(ADMIN).get("/api/v1/organizations/999999999/posts").then().statusCode(404);
        // and nothing changed
        as(ADMIN).queryParam("from", "2026-02-02").queryParam("to", "2026-02-02").get(base + "/meetings")
                .then().body("items.id", hasItem((int) meeting));
    }
}
