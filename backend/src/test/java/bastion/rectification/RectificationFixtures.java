package bastion.rectification;

import bastion.lagging.CatalogueService;
import bastion.lagging.FindingLedger;
import bastion.org.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Confirmed findings made directly through the finding ledger (as the findings API would), on
 * villages of two townships of county 231206 that no other test uses.
 */
@ApplicationScoped
public class RectificationFixtures {

    /** 板桥镇 and 卧龙镇 of 松岗县: every village used here is used by these tests only. */
    public static final String COUNTY = "P231206000000";
    public static final String TOWNSHIP = "P231206108000";
    public static final String TOWNSHIP_B = "P231206112000";
    /** A township of the same county whose official must not see the plans above. */
    public static final String OTHER_TOWNSHIP = "P231206107000";

    private static final FindingLedger.Actor ACTOR = new FindingLedger.Actor("fixture.county", "测试县管理员");

    @Inject
    EntityManager em;

    @Inject
    FindingLedger ledger;

    @Inject
    CatalogueService catalogues;

    @Inject
    bastion.common.Today today;

    /** A village of the current test township (see {@link Plans#useTownship}) with no finding yet; it gets a CONFIRMED finding of each code. Returns [villageId, findingIds...]. */
    @Transactional
    public long[] freshVillage(String... codes) {
        Number village = (Number) em.createNativeQuery("""
                SELECT v.id FROM organization v JOIN organization t ON t.id = v.parent_id
                WHERE t.code = :township AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.organization_id = v.id)
                ORDER BY v.id LIMIT 1 FOR UPDATE OF v""")
                .setParameter("township", Plans.currentTownship()).getSingleResult();
        long[] out = new long[codes.length + 1];
        out[0] = village.longValue();
        for (int i = 0; i < codes.length; i++) {
            out[i + 1] = confirmed(village.longValue(), codes[i]);
        }
        return out;
    }

    /** A new CONFIRMED finding of {@code code} for the organisation. */
    @Transactional
    public long confirmed(long organizationId, String code) {
        long id = suspected(organizationId, code);
        ledger.move(id, FindingLedger.Action.CONFIRM, null, ACTOR, "认定 / confirmed for a test", "测试佐证", null, null);
        return id;
    }

    /** A new SUSPECTED finding of {@code code} for the organisation. */
    @Transactional
    public long suspected(long organizationId, String code) {
        Organization org = Organization.findById(organizationId);
        int year = today.date().getYear();
        FindingLedger.Criterion criterion = catalogues.criterion(org, year, code, "code");
        return ledger.raise(organizationId, org.countyCode, criterion, ACTOR, "排查 / raised for a test", null, null, null, null, false)
                .findingId();
    }

    @Transactional
    public String state(long findingId) {
        return (String) em.createNativeQuery("SELECT state FROM finding WHERE id = :id").setParameter("id", findingId).getSingleResult();
    }

    /** The finding's events as "ACTION from→to: reason". */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> events(long findingId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT action, coalesce(from_state, '-'), to_state, reason FROM finding_event WHERE finding_id = :id ORDER BY id""")
                .setParameter("id", findingId).getResultList();
        return rows.stream().map(r -> r[0] + " " + r[1] + "→" + r[2] + ": " + r[3]).toList();
    }

    @Transactional
    public long idOf(String code) {
        return ((Number) em.createNativeQuery("SELECT id FROM organization WHERE code = :c").setParameter("c", code).getSingleResult())
                .longValue();
    }
}
