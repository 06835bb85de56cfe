package bastion.support;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The expected content of a jurisdiction, computed independently of the application's
 * materialised paths: a recursive walk over parent_id.
 */
public final class Subtrees {

    private Subtrees() {}

    @SuppressWarnings("unchecked")
    public static Set<Long> idsUnder(EntityManager em, String rootCode) {
        List<Number> ids = em.createNativeQuery("""
                WITH RECURSIVE sub AS (
                    SELECT id FROM organization WHERE code = :code
                    UNION ALL
                    SELECT o.id FROM organization o JOIN sub ON o.parent_id = sub.id)
                SELECT id FROM sub""").setParameter("code", rootCode).getResultList();
        Set<Long> set = new TreeSet<>();
        ids.forEach(n -> set.add(n.longValue()));
        return set;
    }

    public static long idOf(EntityManager em, String code) {
        return ((Number) em.createNativeQuery("SELECT id FROM organization WHERE code = :code")
                .setParameter("code", code).getSingleResult()).longValue();
    }
}
