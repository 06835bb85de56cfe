package bastion.rectification;

import static io.restassured.RestAssured.given;

import bastion.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Calls of the rectification API for tests, and the tokens of the test townships' officials. */
final class Plans {

    static final String BASE = "/api/v1/rectification-plans";

    /** The township whose villages the running test class uses (each class its own, so that villages last). */
    private static volatile String township = RectificationFixtures.TOWNSHIP;

    private Plans() {}

    static void useTownship(String code) {
        township = code;
    }

    static String currentTownship() {
        return township;
    }

    /** An official of the current test township. */
    static String township() {
        return Tokens.user("rect.township", township, "township-official");
    }

    static String county() {
        return Tokens.user("rect.county", RectificationFixtures.COUNTY, "county-admin");
    }

    static String auditor() {
        return Tokens.user("rect.auditor", RectificationFixtures.COUNTY, "auditor");
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Map<String, Object> planBody(long organizationId, LocalDate startedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("organizationId", organizationId);
        body.put("linkedLeader", Map.of("name", "李建国", "title", "县委常委、组织部部长"));
        body.put("firstSecretary", Map.of("name", "王晓明", "unit", "县农业农村局"));
        body.put("startedOn", startedOn.toString());
        body.put("reason", "认定为软弱涣散, 开展整顿");
        return body;
    }

    /** A new plan of the village by the township official; returns the response (201 expected). */
    static Response create(long organizationId, LocalDate startedOn) {
        return as(township()).body(planBody(organizationId, startedOn)).post(BASE);
    }

    static long createId(long organizationId, LocalDate startedOn) {
        Response r = create(organizationId, startedOn);
        if (r.statusCode() != 201) {
            throw new AssertionError("createPlan → " + r.statusCode() + " " + r.asString());
        }
        return r.jsonPath().getLong("id");
    }

    static Response get(String token, long planId) {
        return as(token).get(BASE + "/" + planId);
    }

    static String etag(long planId) {
        return get(county(), planId).then().statusCode(200).extract().header("ETag");
    }

    static Map<String, Object> task(LocalDate deadline, String status, String evidence) {
        Map<String, Object> body = new HashMap<>();
        body.put("problem", "班子成员分工不明确");
        body.put("measure", "召开支委会重新明确分工");
        body.put("owner", "村党支部书记 张三");
        body.put("deadline", deadline.toString());
        if (status != null) {
            body.put("status", status);
        }
        if (evidence != null) {
            body.put("evidence", evidence);
        }
        return body;
    }

    static Response addTask(String token, long planId, Map<String, Object> body) {
        return as(token).body(body).post(BASE + "/" + planId + "/tasks");
    }

    /** Adds one task already DONE, so that the plan can be accepted. */
    static long doneTask(long planId, LocalDate deadline) {
        Response r = addTask(township(), planId, task(deadline, "DONE", "会议纪要已归档"));
        if (r.statusCode() != 201) {
            throw new AssertionError("addTask → " + r.statusCode() + " " + r.asString());
        }
        return r.jsonPath().getLong("id");
    }

    static Map<String, Object> rating(String points, int respondents, int satisfied) {
        return Map.of("ratingPoints", points, "respondents", respondents, "satisfied", satisfied,
                "evidence", "党员和群众代表测评表 30 份", "reason", "整改任务全部完成");
    }

    static Response accept(String token, long planId, String ifMatch, Map<String, Object> body) {
        return as(token).header("If-Match", ifMatch).body(body).post(BASE + "/" + planId + "/acceptance");
    }

    static Response clear(String token, long planId, String ifMatch) {
        return as(token).header("If-Match", ifMatch).body(Map.of("reason", "验收通过, 予以销号")).post(BASE + "/" + planId + "/clearance");
    }

    static Response visit(String token, long planId, LocalDate on) {
        return as(token).body(Map.of("visitedOn", on.toString(), "visitor", "李建国", "note", "走访座谈")).post(BASE + "/" + planId + "/visits");
    }

    /** A plan with one DONE task, accepted by the county with a passing rating. */
    static long acceptedPlan(long organizationId, LocalDate startedOn) {
        long plan = createId(organizationId, startedOn);
        doneTask(plan, startedOn);
        Response r = accept(county(), plan, etag(plan), rating("100", 10, 10));
        if (r.statusCode() != 200 || !"ACCEPTED".equals(r.jsonPath().getString("state"))) {
            throw new AssertionError("acceptPlan → " + r.statusCode() + " " + r.asString());
        }
        return plan;
    }

    static List<String> fields(Response problem) {
        return problem.jsonPath().getList("errors.field");
    }
}
