package bastion.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The append-only audit trail: who did what, when, why. Written in the caller's transaction. */
@ApplicationScoped
public class AuditLog {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String countyCode, Long cycleId, Long organizationId, Long ruleSetId,
            String reason, String detailsJson) {
        em.createNativeQuery("""
                INSERT INTO audit_event (actor, action, county_code, cycle_id, organization_id, rule_set_id, reason, details)
                VALUES (:actor, :action, CAST(:county AS varchar), CAST(:cycle AS bigint), CAST(:org AS bigint),
                        CAST(:ruleSet AS bigint), CAST(:reason AS varchar), CAST(CAST(:details AS text) AS jsonb))""")
                .setParameter("actor", actor)
                .setParameter("action", action)
                .setParameter("county", countyCode)
                .setParameter("cycle", cycleId)
                .setParameter("org", organizationId)
                .setParameter("ruleSet", ruleSetId)
                .setParameter("reason", reason)
                .setParameter("details", detailsJson)
                .executeUpdate();
    }
}
