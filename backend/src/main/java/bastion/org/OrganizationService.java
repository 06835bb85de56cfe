package bastion.org;

import bastion.common.Page;
import bastion.common.ProblemException;
import bastion.org.OrganizationDtos.DivisionCodeValidity;
import bastion.org.OrganizationDtos.OrganizationDetail;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.org.OrganizationDtos.OrganizationView;
import bastion.security.Jurisdiction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the organisation tree, always inside a caller's {@link Jurisdiction}: every query is
 * bounded by the jurisdiction's path prefix, and a single organisation outside it is reported as
 * not found, exactly like one that does not exist.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrganizationService {

    private static final String COLUMNS = "o.id, o.code, o.name, o.place_name, o.level, o.org_type, o.place_type, o.parent_id, "
            + "o.division_code, o.county_code, (SELECT count(*) FROM organization c WHERE c.parent_id = o.id), o.graded";

    private static final Map<String, String> ORDER = Map.of(
            "divisionCode", "o.division_code",
            "-divisionCode", "o.division_code DESC",
            "name", "o.name COLLATE \"zh-x-icu\"",
            "-name", "o.name COLLATE \"zh-x-icu\" DESC",
            "code", "o.code",
            "-code", "o.code DESC");

    @Inject
    EntityManager em;

    public Page<OrganizationView> list(Jurisdiction scope, OrganizationQuery query) {
        if (query.parentId() != null) {
            requireInScope(scope, query.parentId());
        }
        String prefix = query.under() == null ? scope.pathPrefix() : requireInScope(scope, query.under()).path;
        StringBuilder where = new StringBuilder(" FROM organization o WHERE o.path LIKE :prefix");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("prefix", prefix + "%");
        if (query.parentId() != null) {
            where.append(" AND o.parent_id = :parentId");
            params.put("parentId", query.parentId());
        }
        if (query.level() != null) {
            where.append(" AND o.level = :level");
            params.put("level", query.level().name());
        }
        if (query.orgType() != null) {
            where.append(" AND o.org_type = :orgType");
            params.put("orgType", query.orgType().name());
        }
        if (query.placeType() != null) {
            where.append(" AND o.place_type = :placeType");
            params.put("placeType", query.placeType().name());
        }
        if (query.text() != null) {
            String escaped = escapeLike(query.text());
            where.append(" AND (o.name ILIKE :contains OR o.place_name ILIKE :contains OR o.code LIKE :codePrefix OR o.division_code LIKE :prefixText)");
            params.put("contains", "%" + escaped + "%");
            params.put("codePrefix", escaped.toUpperCase(java.util.Locale.ROOT) + "%");
            params.put("prefixText", escaped + "%");
        }

        Query count = em.createNativeQuery("SELECT count(*)" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();

        List<OrganizationView> items = List.of();
        long offset = (long) (query.page() - 1) * query.size();
        if (offset < total) {
            Query select = em.createNativeQuery("SELECT " + COLUMNS + where + " ORDER BY " + ORDER.get(query.sort()) + ", o.id"
                    + " LIMIT :limit OFFSET :offset");
            params.forEach(select::setParameter);
            select.setParameter("limit", query.size());
            select.setParameter("offset", offset);
            items = rows(select);
        }
        return Page.of(items, query.page(), query.size(), total);
    }

    public OrganizationDetail get(Jurisdiction scope, long id) {
        Organization organization = requireInScope(scope, id);
        Query select = em.createNativeQuery("SELECT " + COLUMNS + " FROM organization o WHERE o.id = :id");
        select.setParameter("id", id);
        OrganizationView view = rows(select).getFirst();
        return OrganizationDetail.of(view, ancestors(scope, organization), divisionCodes(id));
    }

    /** The organisation, if the caller may see it; otherwise 404 whether or not it exists. */
    public Organization requireInScope(Jurisdiction scope, long id) {
        Organization organization = Organization.findById(id);
        if (organization == null || !scope.covers(organization)) {
            throw ProblemException.notFound("组织 " + id + " 不存在或不在您的管辖范围内 / Organisation " + id + " does not exist in your jurisdiction");
        }
        return organization;
    }

    private List<OrganizationRef> ancestors(Jurisdiction scope, Organization organization) {
        long[] pathIds = organization.pathIds();
        List<Long> ids = Arrays.stream(pathIds, scope.rootDepth(), pathIds.length - 1).boxed().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Organization> found = Organization.list("id in ?1 order by depth", ids);
        return found.stream().map(OrganizationRef::of).toList();
    }

    @SuppressWarnings("unchecked")
    private List<DivisionCodeValidity> divisionCodes(long id) {
        List<Object[]> rows = em.createNativeQuery(
                "SELECT code, valid_from, valid_to FROM division_code WHERE organization_id = :id ORDER BY valid_from DESC")
                .setParameter("id", id)
                .getResultList();
        List<DivisionCodeValidity> codes = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            codes.add(new DivisionCodeValidity((String) row[0], toLocalDate(row[1]), toLocalDate(row[2])));
        }
        return codes;
    }

    @SuppressWarnings("unchecked")
    private static List<OrganizationView> rows(Query query) {
        List<Object[]> rows = query.getResultList();
        List<OrganizationView> views = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            views.add(new OrganizationView(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    Organization.Level.valueOf((String) r[4]),
                    Organization.OrgType.valueOf((String) r[5]),
                    r[6] == null ? null : Organization.PlaceType.valueOf((String) r[6]),
                    r[7] == null ? null : ((Number) r[7]).longValue(),
                    r[8].toString(),
                    r[9].toString(),
                    ((Number) r[10]).intValue(),
                    (Boolean) r[11]));
        }
        return views;
    }

    private static java.time.LocalDate toLocalDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.LocalDate d) {
            return d;
        }
        return ((Date) value).toLocalDate();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
