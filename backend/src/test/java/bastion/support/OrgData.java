package bastion.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Organisation data and screening runs through the API, for the tests of organization-data and screening. */
public final class OrgData {

    /** The county whose townships the screening tests craft data in (nobody else's tests use it). */
    public static final String COUNTY_5 = "P231205000000";

    private OrgData() {}

    public static String county5Admin() {
        return Tokens.user("county5.admin", COUNTY_5, "county-admin");
    }

    @SuppressWarnings("unchecked")
    public static List<Long> villagesOf(EntityManager em, String townshipCode) {
        List<Number> ids = em.createNativeQuery("""
                SELECT v.id FROM organization v JOIN organization t ON t.id = v.parent_id
                WHERE t.code = :code ORDER BY v.division_code, v.id""").setParameter("code", townshipCode).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    public static Map<String, Object> holder(String name, LocalDate since) {
        Map<String, Object> body = new HashMap<>();
        body.put("holderName", name);
        body.put("holderSince", since.toString());
        body.put("vacantSince", null);
        return body;
    }

    public static Map<String, Object> vacancy(LocalDate since) {
        Map<String, Object> body = new HashMap<>();
        body.put("holderName", null);
        body.put("holderSince", null);
        body.put("vacantSince", since.toString());
        return body;
    }

    /** The post's ETag, or null when it was never recorded. */
    public static String postTag(String token, long org, String post) {
        List<Map<String, Object>> posts = given().auth().oauth2(token).get("/api/v1/organizations/" + org + "/posts")
                .then().statusCode(200).extract().jsonPath().getList("posts");
        return posts.stream().filter(p -> post.equals(p.get("post"))).findFirst()
                .map(p -> "\"" + p.get("revision") + "\"").orElse(null);
    }

    /** Writes a post whatever its current revision; returns the response. */
    public static Response putPost(String token, long org, String post, Map<String, Object> body) {
        String tag = postTag(token, org, post);
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (tag != null) {
            spec.header("If-Match", tag);
        }
        return spec.put("/api/v1/organizations/" + org + "/posts/" + post);
    }

    public static Map<String, Object> checklist(boolean value) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (String item : List.of("signage", "multiFunction", "rules", "serviceDesk", "tidy", "water", "power", "road", "phone", "internet",
                "broadcast", "office", "meetingRoom", "partyRoom", "serviceRoom", "library", "recreationRoom", "flag", "sign", "rulesOnWall",
                "equipment", "distanceLearning", "archives", "activityLog")) {
            c.put(item, value);
        }
        return c;
    }

    public static Map<String, Object> venue(LocalDate registeredOn) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "测试村党群服务中心");
        v.put("address", "测试镇测试村中心街 1 号");
        v.put("areaSquareMeters", "320.5");
        v.put("registeredOn", registeredOn.toString());
        v.put("checklist", checklist(true));
        return v;
    }

    /** The venue's ETag, or null when none is registered. */
    public static String venueTag(String token, long org) {
        Response r = given().auth().oauth2(token).get("/api/v1/organizations/" + org + "/venue");
        return r.statusCode() == 200 ? r.header("ETag") : null;
    }

    public static Response putVenue(String token, long org, Map<String, Object> body) {
        String tag = venueTag(token, org);
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (tag != null) {
            spec.header("If-Match", tag);
        }
        return spec.put("/api/v1/organizations/" + org + "/venue");
    }

    public static Map<String, Object> meeting(String kind, LocalDate heldOn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("heldOn", heldOn.toString());
        m.put("topic", "研究部署工作");
        m.put("attendees", 5);
        m.put("expected", 6);
        return m;
    }

    public static long recordMeeting(String token, long org, String kind, LocalDate heldOn) {
        Number id = given().auth().oauth2(token).contentType(ContentType.JSON).body(meeting(kind, heldOn))
                .post("/api/v1/organizations/" + org + "/meetings").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** Runs a screening; returns the 201 body. */
    public static JsonPath screen(String token, long organizationId, LocalDate asOf, Long cycleId) {
        Map<String, Object> body = new HashMap<>();
        body.put("organizationId", organizationId);
        if (asOf != null) {
            body.put("asOf", asOf.toString());
        }
        if (cycleId != null) {
            body.put("cycleId", cycleId);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/screening-runs")
                .then().statusCode(201).extract().jsonPath();
    }

    /** The proposals of a run for one organisation and criterion. */
    public static List<Map<String, Object>> proposals(JsonPath run, long organizationId, String criterion) {
        List<Map<String, Object>> all = run.getList("proposals");
        return all.stream().filter(p -> ((Number) ((Map<?, ?>) p.get("organization")).get("id")).longValue() == organizationId
                && criterion.equals(p.get("criterionCode"))).toList();
    }
}
