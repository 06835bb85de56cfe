package bastion.lagging;

import static io.restassured.RestAssured.given;

import bastion.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;

/** Fixtures of the lagging tests: villages by position in a township, findings driven to any state. */
final class LaggingFixtures {

    private LaggingFixtures() {}

    /** The graded villages of a township, ordered by id. */
    @SuppressWarnings("unchecked")
    static List<Long> villages(EntityManager em, String townshipCode) {
        List<Number> ids = em.createNativeQuery("""
                SELECT o.id FROM organization o JOIN organization t ON t.id = o.parent_id
                WHERE t.code = :code AND o.graded ORDER BY o.id""").setParameter("code", townshipCode).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Raises a suspicion as the township official of township 1 (or the given token); returns the finding id. */
    static long raise(String token, long organizationId, String criterion) {
        Number id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organizationId, "criterionCode", criterion, "reason", "测试: 书记空缺", "evidence", "乡镇走访记录"))
                .when().post("/api/v1/findings").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** Drives a SUSPECTED finding along the ledger to {@code target} (as the system would through plans). */
    static void drive(FindingLedger ledger, long findingId, FindingLedger.State target) {
        List<FindingLedger.Action> path = switch (target) {
            case SUSPECTED -> List.of();
            case CONFIRMED -> List.of(FindingLedger.Action.CONFIRM);
            case DISMISSED -> List.of(FindingLedger.Action.DISMISS);
            case RECTIFYING -> List.of(FindingLedger.Action.CONFIRM, FindingLedger.Action.RECTIFY);
            case ACCEPTED -> List.of(FindingLedger.Action.CONFIRM, FindingLedger.Action.RECTIFY, FindingLedger.Action.ACCEPT);
            case CLEARED -> List.of(FindingLedger.Action.CONFIRM, FindingLedger.Action.RECTIFY, FindingLedger.Action.ACCEPT,
                    FindingLedger.Action.CLEAR);
        };
        for (FindingLedger.Action a : path) {
            QuarkusTransaction.requiringNew().run(() -> ledger.move(findingId, a, null,
                    new FindingLedger.Actor("fixture", "测试"), "测试推进 / fixture", null, null, null));
        }
    }

    static String etag(String token, long findingId) {
        return given().auth().oauth2(token).when().get("/api/v1/findings/" + findingId).then().statusCode(200).extract().header("ETag");
    }

    static String township() {
        return Tokens.townshipOfficial();
    }
}
