package bastion.lagging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.lagging.FindingLedger.State;
import bastion.support.Matrix;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Findings: the state machine by role, concurrency, optimistic locking, scope, bulk decisions. */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FindingsApiTest {

    @Inject
    EntityManager em;

    @Inject
    FindingLedger ledger;

    private List<Long> villages() {
        return LaggingFixtures.villages(em, Tokens.TOWNSHIP_1);
    }

    @Test
    void raiseShowsTheSuspicionWithItsTimelineAndRefusesASecondLiveOne() {
        long village = villages().get(0);
        long id = LaggingFixtures.raise(Tokens.townshipOfficial(), village, "C03");
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/findings/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("state", equalTo("SUSPECTED"))
                .body("criterionCode", equalTo("C03"))
                .body("criterionTitle", equalTo("班子不团结、内耗严重、工作不能正常开展"))
                .body("catalogueLabel", equalTo("DEFAULT-" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear()))
                .body("source", equalTo("MANUAL"))
                .body("raisedBy", equalTo("township.official"))
                .body("township.code", equalTo(Tokens.TOWNSHIP_1))
                .body("events", hasSize(1))
                .body("events[0].action", equalTo("RAISE"))
                .body("events[0].toState", equalTo("SUSPECTED"))
                .body("events[0].evidence", equalTo("乡镇走访记录"))
                .body("allowedActions", contains("CONFIRM", "DISMISS"));
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/findings/" + id).then().statusCode(200)
                .body("allowedActions", contains("DISMISS"));
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("organizationId", village, "criterionCode", "C03", "reason", "再次"))
                .when().post("/api/v1/findings").then().statusCode(409)
                .contentType("application/problem+json")
                .body("existingFindingId", equalTo((int) id));
    }

    @Test
    void raiseRefusesBadInputFieldByField() {
        long village = villages().get(1);
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("organizationId", village, "criterionCode", "C99", "reason", "x"))
                .when().post("/api/v1/findings").then().statusCode(400).body("errors.field", contains("criterionCode"));
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("organizationId", village, "criterionCode", "c1", "reason", " ", "year", 1999))
                .when().post("/api/v1/findings").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("criterionCode", "reason", "year"));
        long township = ((Number) em.createNativeQuery("SELECT id FROM organization WHERE code = :c").setParameter("c", Tokens.TOWNSHIP_1)
                .getSingleResult()).longValue();
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("organizationId", township, "criterionCode", "C01", "reason", "乡镇本身"))
                .when().post("/api/v1/findings").then().statusCode(400).body("errors.field", contains("organizationId"));
        long elsewhere = LaggingFixtures.villages(em, Tokens.TOWNSHIP_2).get(0);
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("organizationId", elsewhere, "criterionCode", "C01", "reason", "越界"))
                .when().post("/api/v1/findings").then().statusCode(400).body("errors.field", contains("organizationId"));
    }

    /** Every decision × every state × every role: allowed → 200; a role that may never → 403; a role that may, in the wrong state → 409. */
    @Test
    void everyTransitionByEveryRoleInEveryState() {
        List<Long> villages = villages();
        List<String> wrong = new ArrayList<>();
        int v = 2;
        for (State state : State.values()) {
            for (String decision : List.of("CONFIRM", "DISMISS")) {
                for (Map.Entry<String, String> role : Matrix.roles().entrySet()) {
                    long village = villages.get(v++ % villages.size());
                    String criterion = "C0" + (1 + (v % 9));
                    long id = freshFinding(village, criterion);
                    LaggingFixtures.drive(ledger, id, state);
                    String etag = LaggingFixtures.etag(Tokens.countyAdmin(), id);
                    int status = given().auth().oauth2(role.getValue()).contentType(ContentType.JSON).header("If-Match", etag)
                            .body(Map.of("action", decision, "reason", "矩阵 " + state))
                            .when().post("/api/v1/findings/" + id + "/transitions").then().extract().statusCode();
                    boolean roleMay = decision.equals("CONFIRM") ? role.getKey().equals("county-admin")
                            : role.getKey().equals("county-admin") || role.getKey().equals("township-official");
                    int expected = !roleMay ? 403 : state == State.SUSPECTED ? 200 : 409;
                    if (status != expected) {
                        wrong.add(decision + " in " + state + " as " + role.getKey() + " → " + status + " (expected " + expected + ")");
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Makes sure the village has no live finding of the criterion, then raises one. */
    private long freshFinding(long village, String criterion) {
        @SuppressWarnings("unchecked")
        List<Number> alive = em.createNativeQuery("""
                SELECT id FROM finding WHERE organization_id = :o AND criterion_code = :c
                AND state IN ('SUSPECTED', 'CONFIRMED', 'RECTIFYING', 'ACCEPTED')""").setParameter("o", village).setParameter("c", criterion)
                .getResultList();
        for (Number n : alive) {
            State s = State.valueOf((String) em.createNativeQuery("SELECT state FROM finding WHERE id = :id").setParameter("id", n.longValue())
                    .getSingleResult());
            List<FindingLedger.Action> toEnd = switch (s) {
                case SUSPECTED -> List.of(FindingLedger.Action.DISMISS);
                case CONFIRMED -> List.of(FindingLedger.Action.RECTIFY, FindingLedger.Action.ACCEPT, FindingLedger.Action.CLEAR);
                case RECTIFYING -> List.of(FindingLedger.Action.ACCEPT, FindingLedger.Action.CLEAR);
                case ACCEPTED -> List.of(FindingLedger.Action.CLEAR);
                default -> List.of();
            };
            for (FindingLedger.Action a : toEnd) {
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> ledger.move(n.longValue(), a, null,
                        new FindingLedger.Actor("fixture", null), "清理 / cleanup", null, null, null));
            }
        }
        return LaggingFixtures.raise(Tokens.countyAdmin(), village, criterion);
    }

    @Test
    void illegalTransitionNamesTheStateAndTheAllowedActions() {
        long id = freshFinding(villages().get(3), "C05");
        String etag = LaggingFixtures.etag(Tokens.countyAdmin(), id);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("action", "CONFIRM", "reason", "认定: 经县委组织部核实", "evidence", "核查报告"))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("state", equalTo("CONFIRMED"))
                .body("events[1].action", equalTo("CONFIRM"))
                .body("events[1].fromState", equalTo("SUSPECTED"))
                .body("events[1].actor", equalTo("county.admin"))
                .body("events[1].reason", equalTo("认定: 经县委组织部核实"))
                .body("allowedActions", hasSize(0));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("action", "DISMISS", "reason", "排除"))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(409)
                .contentType("application/problem+json")
                .body("state", equalTo("CONFIRMED"))
                .body("allowedActions", contains("RECTIFY"));
    }

    @Test
    void staleOrMissingIfMatchIsRefused() {
        long id = freshFinding(villages().get(4), "C06");
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("action", "CONFIRM", "reason", "缺少版本"))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(428);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body(Map.of("action", "CONFIRM", "reason", "过期版本"))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(412)
                .body("current.state", equalTo("SUSPECTED"))
                .body("current.revision", equalTo(1));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("action", "CONFIRM", "reason", " "))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(400).body("errors.field", contains("reason"));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("action", "ACCEPT", "reason", "越级"))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(400).body("errors.field", contains("action"));
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/findings/" + id).then().body("state", equalTo("SUSPECTED"))
                .body("events", hasSize(1));
    }

    @Test
    void twoConcurrentTransitionsNeverBothSucceed() throws Exception {
        for (int round = 0; round < 3; round++) {
            long id = freshFinding(villages().get(5), "C07");
            String county = Tokens.countyAdmin();
            String township = Tokens.townshipOfficial();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Callable<Integer> confirm = () -> {
                start.await();
                return given().auth().oauth2(county).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                        .body(Map.of("action", "CONFIRM", "reason", "并发认定")).post("/api/v1/findings/" + id + "/transitions").statusCode();
            };
            Callable<Integer> dismiss = () -> {
                start.await();
                return given().auth().oauth2(township).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                        .body(Map.of("action", "DISMISS", "reason", "并发排除")).post("/api/v1/findings/" + id + "/transitions").statusCode();
            };
            Future<Integer> a = pool.submit(confirm);
            Future<Integer> b = pool.submit(dismiss);
            start.countDown();
            List<Integer> statuses = List.of(a.get(), b.get());
            pool.shutdown();
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one succeeds: " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409 || s == 412), statuses.toString());
            Number events = (Number) em.createNativeQuery("SELECT count(*) FROM finding_event WHERE finding_id = :f").setParameter("f", id)
                    .getSingleResult();
            assertEquals(2, events.intValue(), "one RAISE and exactly one decision recorded");
        }
    }

    @Test
    void findingsOutsideTheJurisdictionAreNotFound() {
        long elsewhere = LaggingFixtures.villages(em, Tokens.TOWNSHIP_2).get(0);
        long id = LaggingFixtures.raise(Tokens.user("county2.admin", Tokens.COUNTY_2, "county-admin"), elsewhere, "C08");
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/findings/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/findings/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("action", "CONFIRM", "reason", "越界")).when().post("/api/v1/findings/" + id + "/transitions").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/findings/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/findings?organizationId=" + elsewhere).then().statusCode(404);
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/findings?size=200").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem((int) id)));
    }

    @Test
    void listFiltersAndCountsPerState() {
        long village = villages().get(6);
        long a = freshFinding(village, "C02");
        long b = freshFinding(village, "C09");
        LaggingFixtures.drive(ledger, b, State.CONFIRMED);
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/findings?organizationId=" + village + "&state=SUSPECTED")
                .then().statusCode(200)
                .body("items.id", hasItem((int) a))
                .body("items.id", org.hamcrest.Matchers.not(hasItem((int) b)))
                .body("counts.CONFIRMED", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("counts.SUSPECTED", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/findings?organizationId=" + village + "&criterion=C09")
                .then().statusCode(200).body("items.id", contains((int) b));
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/findings?state=SUSPECTED,NOPE&source=X&size=0")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("state", "source", "size"));
    }

    @Test
    void bulkDecisionsReportEachItemAndApplyOnlyTheGoodOnes() {
        long v1 = villages().get(7);
        long v2 = villages().get(8);
        long v3 = villages().get(9);
        long f1 = freshFinding(v1, "C04");
        long f2 = freshFinding(v2, "C04");
        long f3 = freshFinding(v3, "C04");
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("action", "CONFIRM", "reason", "批量认定", "items", List.of(
                        Map.of("findingId", f1, "revision", 1), Map.of("findingId", f2, "revision", 5), Map.of("findingId", f3, "revision", 1),
                        Map.of("findingId", 999_999_999L, "revision", 1))))
                .when().post("/api/v1/findings/bulk-transitions").then().statusCode(200)
                .body("succeeded", equalTo(2))
                .body("failed", equalTo(2))
                .body("items.status", contains(200, 412, 200, 404))
                .body("items[0].state", equalTo("CONFIRMED"))
                .body("items[1].problem.status", equalTo(412));
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/findings/" + f2).then().body("state", equalTo("SUSPECTED"));
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("action", "CONFIRM", "reason", "乡镇不能认定", "items", List.of(Map.of("findingId", f2, "revision", 1))))
                .when().post("/api/v1/findings/bulk-transitions").then().statusCode(200)
                .body("items[0].status", equalTo(403));
        given().auth().oauth2(Tokens.auditor()).contentType(ContentType.JSON)
                .body(Map.of("action", "DISMISS", "reason", "x", "items", List.of(Map.of("findingId", f2, "revision", 1))))
                .when().post("/api/v1/findings/bulk-transitions").then().statusCode(403);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("action", "CONFIRM", "reason", "x", "items", List.of()))
                .when().post("/api/v1/findings/bulk-transitions").then().statusCode(400).body("errors.field", contains("items"));
        assertTrue(f1 > 0, "ids");
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/findings/" + f1).then().body("events[1].reason", notNullValue());
    }
}
