package bastion.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The demo findings and plans, loaded into the demo city inside a transaction that is rolled back
 * (the other tests' findings are set aside in it first): plausible shares, every state consistent
 * with its events and plans, none in the demo users' townships.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DemoLaggingLoaderTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void demoFindingsArePlausibleAndConsistent() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String table : new String[] {"finding_event", "plan_finding", "rectification_visit", "rectification_acceptance",
                        "finding_attachment", "cycle_lagging", "screening_proposal"}) {
                    st.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                }
                st.execute("DELETE FROM rectification_acceptance; DELETE FROM rectification_visit; DELETE FROM rectification_task;"
                        + " DELETE FROM plan_finding; DELETE FROM rectification_plan; DELETE FROM finding_event;"
                        + " DELETE FROM finding_attachment; DELETE FROM cycle_lagging;"
                        + " DELETE FROM screening_proposal; DELETE FROM finding");
                DemoLaggingLoader.Result r = DemoLaggingLoader.loadIfEmpty(c, json, LocalDate.of(2026, 11, 22));
                int villages = count(st, "SELECT count(*) FROM organization WHERE graded");
                assertTrue(r.confirmed() > villages * 0.01 && r.confirmed() < villages * 0.03, "about 2 % confirmed: " + r);
                assertTrue(r.plans() > 0 && r.plans() < r.confirmed(), "plans for some confirmed organisations: " + r);
                assertEquals(r.findings(), count(st, "SELECT count(*) FROM finding"));
                assertEquals(0, count(st, """
                        SELECT count(*) FROM finding f JOIN organization o ON o.id = f.organization_id
                        JOIN organization t ON t.id = o.parent_id WHERE t.code LIKE '%101000'"""), "demo townships stay clean");
                assertEquals(0, count(st, """
                        SELECT count(*) FROM finding f WHERE f.state = 'RECTIFYING'
                        AND NOT EXISTS (SELECT 1 FROM plan_finding p WHERE p.finding_id = f.id)"""), "every rectifying finding has a plan");
                assertEquals(0, count(st, """
                        SELECT count(*) FROM finding f WHERE f.state <> (SELECT e.to_state FROM finding_event e
                        WHERE e.finding_id = f.id ORDER BY e.id DESC LIMIT 1)"""), "each state is its last event's");
                assertTrue(count(st, "SELECT count(*) FROM rectification_task WHERE status <> 'DONE' AND deadline < DATE '2026-11-22'") > 0,
                        "some tasks are overdue");
            } finally {
                c.rollback();
            }
        }
    }

    private static int count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
